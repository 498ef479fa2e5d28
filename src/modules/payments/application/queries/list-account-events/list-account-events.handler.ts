import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, Page, toPage } from '../../../../../module-kit/pagination/page';
import { AccountEventDto } from '../../../contracts/payments.dto';
import { AccountOpening } from '../../account-opening';
import { AccountRepository } from '../../account.repository';
import { ListAccountEventsQuery } from './list-account-events.query';

/** An account's stream, oldest first; the cursor is the last version seen. Runs in the unit of work, as GetAccountHandler. */
@QueryHandler(ListAccountEventsQuery)
export class ListAccountEventsHandler implements IQueryHandler<ListAccountEventsQuery, Page<AccountEventDto>> {
  constructor(
    private readonly opening: AccountOpening,
    private readonly accounts: AccountRepository,
  ) {}

  async execute({ customerId, page }: ListAccountEventsQuery): Promise<Page<AccountEventDto>> {
    await this.opening.requireOpen(customerId);
    const afterVersion = Number(decodeCursor(page.cursor, (id) => /^[1-9]\d{0,8}$/.test(id))?.id ?? 0);
    const events = await this.accounts.events(customerId, afterVersion, page.limit + 1);
    return toPage(
      events,
      page.limit,
      (e) => ({ createdAt: e.occurredAt.toISOString(), id: String(e.version) }),
      (e): AccountEventDto => ({ ...e, occurredAt: e.occurredAt.toISOString() }),
    );
  }
}
