import { Command } from '@nestjs/cqrs';

/** A customer was deleted: their account is closed (no more deposits or payments; refunds still go in). */
export class CloseAccountCommand extends Command<void> {
  constructor(
    readonly customerId: string,
    readonly closedAt: Date,
  ) {
    super();
  }
}
