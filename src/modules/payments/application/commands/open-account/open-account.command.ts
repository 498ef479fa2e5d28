import { Command } from '@nestjs/cqrs';

/** A customer registered: open their account. */
export class OpenAccountCommand extends Command<void> {
  constructor(readonly customerId: string) {
    super();
  }
}
