import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDuplicateOfIndex1796116075086 implements MigrationInterface {
  name = 'AddDuplicateOfIndex1796116075086';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"problems_duplicate_of_idx\" ON \"problems\"  (\"duplicate_of_id\") WHERE duplicate_of_id IS NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"problems_duplicate_of_idx\"");
  }
}
