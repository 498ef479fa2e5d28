import { MigrationInterface, QueryRunner } from 'typeorm';
import { addOrderingKeysAndDeadLetters, dropOrderingKeysAndDeadLetters } from '../../../../module-kit/messaging/messaging-tables';

export class OrdersOutboxOrderingKeysAndDeadLetters1764500000002 implements MigrationInterface {
  name = 'OrdersOutboxOrderingKeysAndDeadLetters1764500000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addOrderingKeysAndDeadLetters(queryRunner, 'orders');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOrderingKeysAndDeadLetters(queryRunner, 'orders');
  }
}
