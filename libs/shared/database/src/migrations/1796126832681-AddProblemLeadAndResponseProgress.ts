import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts the actions lib keeps on a problem through the problems service: who leads it, and the
 * average progress of its response's actions (null while it has none).
 */
export class AddProblemLeadAndResponseProgress1796126832681 implements MigrationInterface {
  name = 'AddProblemLeadAndResponseProgress1796126832681';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"problems\" ADD \"lead_officer_id\" uuid");
    await queryRunner.query("ALTER TABLE \"problems\" ADD \"response_progress\" integer");
    await queryRunner.query("CREATE INDEX \"problems_lead_idx\" ON \"problems\"  (\"lead_officer_id\") WHERE lead_officer_id IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"problems\" ADD CONSTRAINT \"FK_6ca729e612c839248bf7721dfd6\" FOREIGN KEY (\"lead_officer_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"problems\" DROP CONSTRAINT \"FK_6ca729e612c839248bf7721dfd6\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_lead_idx\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP COLUMN \"response_progress\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP COLUMN \"lead_officer_id\"");
  }
}
