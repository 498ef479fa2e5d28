import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../module-kit/http/openapi/api-problems.decorator';
import { Actor, assertAdmin } from '../../module-kit/security/actor';
import { CurrentActor } from '../../module-kit/security/decorators';
import { DeadLetter } from '../../platform/messaging/dead-letter';
import { DeadLetterDirectory, DeadLetterPage } from './dead-letter-directory';
import { DeadLetterPageResponse, DeadLetterResponse, ListDeadLettersQuery } from './dead-letters.dto';

/**
 * Messages a module's outbox gave up on, for an admin: to see what failed and why, and to put a message back
 * for delivery once the cause is fixed. Served by every process, for every module wherever it runs.
 */
// 401, 403 (not an admin) and the 503s every route can answer (MODULE_UNAVAILABLE for a module that cannot
// be reached) are added to each operation by the document builder.
@ApiTags('admin')
@Controller('api/v1/admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly directory: DeadLetterDirectory) {}

  @Get()
  @ApiOperation({
    summary: 'Dead letters, newest first',
    description:
      'All modules merged into one order (the cursor works for every module), or one module with ?module=. ' +
      'A module that cannot be reached is named in `unavailable` and its letters are missing; asked for alone, it is a 503.',
  })
  @ApiOkResponse({ type: DeadLetterPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListDeadLettersQuery): Promise<DeadLetterPage> {
    assertAdmin(actor);
    return this.directory.list(query.module, query.toPageRequest());
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Puts a dead letter back into its outbox for delivery', description: 'Answers with the dead letter as it was; the message is delivered shortly after.' })
  @ApiAcceptedResponse({ type: DeadLetterResponse })
  @ApiProblems({ 404: ['DEAD_LETTER_NOT_FOUND'] })
  replay(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DeadLetter> {
    assertAdmin(actor);
    return this.directory.replay(id);
  }
}
