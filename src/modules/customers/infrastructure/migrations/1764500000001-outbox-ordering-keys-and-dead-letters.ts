import { MigrationInterface, QueryRunner } from 'typeorm';
import { addOrderingKeysAndDeadLetters, dropOrderingKeysAndDeadLetters } from '../../../../module-kit/messaging/messaging-tables';

export class CustomersOutboxOrderingKeysAndDeadLetters1764500000001 implements MigrationInterface {
  name = 'CustomersOutboxOrderingKeysAndDeadLetters1764500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOrderingKeysAndDeadLetters(queryRunner, 'customers');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOrderingKeysAndDeadLetters(queryRunner, 'customers');
  }
}
