import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIdempotencyKeys1796117581396 implements MigrationInterface {
  name = 'AddIdempotencyKeys1796117581396';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"idempotency_keys\" (\"user_id\" uuid NOT NULL, \"key\" text NOT NULL, \"operation\" text NOT NULL, \"request_hash\" text NOT NULL, \"result_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_392b1af86f210d98d3f0c764728\" PRIMARY KEY (\"user_id\", \"key\"))");
    await queryRunner.query("CREATE INDEX \"idempotency_keys_created_at_idx\" ON \"idempotency_keys\"  (\"created_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"idempotency_keys_created_at_idx\"");
    await queryRunner.query("DROP TABLE \"idempotency_keys\"");
  }
}
