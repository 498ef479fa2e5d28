import { MigrationInterface, QueryRunner } from 'typeorm';
import { addOrderingKeysAndDeadLetters, dropOrderingKeysAndDeadLetters } from '../../../../module-kit/messaging/messaging-tables';

export class PaymentsOutboxOrderingKeysAndDeadLetters1764500000003 implements MigrationInterface {
  name = 'PaymentsOutboxOrderingKeysAndDeadLetters1764500000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOrderingKeysAndDeadLetters(queryRunner, 'payments');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOrderingKeysAndDeadLetters(queryRunner, 'payments');
  }
}
