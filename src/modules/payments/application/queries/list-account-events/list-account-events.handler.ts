import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ModuleDatabase } from '../../../../../shared/database/module-database';
import { decodeCursor, Page, toPage } from '../../../../../shared/pagination/page';
import { AccountEventDto } from '../../../contracts/payments.dto';
import { AccountStore } from '../../../infrastructure/account-store';
import { AccountOpening } from '../../account-opening';
import { ListAccountEventsQuery } from './list-account-events.query';

/** An account's stream, oldest first; the cursor is the last version seen. */
@QueryHandler(ListAccountEventsQuery)
export class ListAccountEventsHandler implements IQueryHandler<ListAccountEventsQuery, Page<AccountEventDto>> {
  constructor(
    private readonly db: ModuleDatabase,
    private readonly opening: AccountOpening,
    private readonly store: AccountStore,
  ) {}

  execute({ customerId, page }: ListAccountEventsQuery): Promise<Page<AccountEventDto>> {
    return this.db.transaction(async () => {
      await this.opening.requireOpen(customerId);
      const afterVersion = Number(decodeCursor(page.cursor, (id) => /^[1-9]\d{0,8}$/.test(id))?.id ?? 0);
      const events = await this.store.events(customerId, afterVersion, page.limit + 1);
      return toPage(
        events,
        page.limit,
        (e) => ({ createdAt: e.occurredAt.toISOString(), id: String(e.version) }),
        (e): AccountEventDto => ({ ...e, occurredAt: e.occurredAt.toISOString() }),
      );
    });
  }
}
