import { MigrationInterface, QueryRunner } from 'typeorm';

/** The identity lib's organisations get a kind: COMMUNITY (every existing one), BUSINESS, or PARTNER_AGENCY (set by an admin). */
export class AddOrganisationKind1796126832680 implements MigrationInterface {
  name = 'AddOrganisationKind1796126832680';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"organisation_kind\" AS ENUM('COMMUNITY', 'BUSINESS', 'PARTNER_AGENCY')");
    await queryRunner.query("ALTER TABLE \"organisations\" ADD \"kind\" \"public\".\"organisation_kind\" NOT NULL DEFAULT 'COMMUNITY'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"organisations\" DROP COLUMN \"kind\"");
    await queryRunner.query("DROP TYPE \"public\".\"organisation_kind\"");
  }
}
