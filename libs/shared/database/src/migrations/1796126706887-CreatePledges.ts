import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pledges lib: pledges (FUNDING or CAPACITY, with their status history) and match offers;
 * the totals they keep on the solutions lib's rows (solutions.funding_pledged_minor and
 * funding_fulfilled_minor, solution_capacity_needs.pledged and fulfilled, zero for the rows
 * there are: no pledge existed before); and the timeline kinds the pledges lib writes.
 * pledge_changes shares the enum pledge_status with pledges (created once).
 */
export class CreatePledges1796126706887 implements MigrationInterface {
  name = 'CreatePledges1796126706887';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"match_offers\" (\"id\" uuid NOT NULL, \"solution_id\" uuid NOT NULL, \"organisation_id\" uuid NOT NULL, \"offered_by_id\" uuid NOT NULL, \"cap_minor\" bigint NOT NULL, \"currency\" text NOT NULL, \"ratio\" integer NOT NULL, \"matched_minor\" bigint NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"match_offers_ratio_check\" CHECK (ratio >= 1), CONSTRAINT \"match_offers_cap_check\" CHECK (cap_minor > 0 AND matched_minor >= 0 AND matched_minor <= cap_minor), CONSTRAINT \"PK_a1c1ccde3a3beda3bfa074f3002\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"match_offers_organisation_idx\" ON \"match_offers\"  (\"organisation_id\") ");
    await queryRunner.query("CREATE INDEX \"match_offers_solution_created_idx\" ON \"match_offers\"  (\"solution_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"pledge_kind\" AS ENUM('FUNDING', 'CAPACITY')");
    await queryRunner.query("CREATE TYPE \"public\".\"pledge_capacity_kind\" AS ENUM('VOLUNTEER_HOURS', 'EQUIPMENT', 'SKILL', 'VENUE', 'MATERIALS', 'OTHER')");
    await queryRunner.query("CREATE TYPE \"public\".\"pledge_status\" AS ENUM('PLEDGED', 'FULFILLED', 'WITHDRAWN', 'RELEASED')");
    await queryRunner.query("CREATE TABLE \"pledges\" (\"id\" uuid NOT NULL, \"solution_id\" uuid NOT NULL, \"kind\" \"public\".\"pledge_kind\" NOT NULL, \"amount_minor\" bigint, \"currency\" text, \"capacity_kind\" \"public\".\"pledge_capacity_kind\", \"quantity\" bigint, \"unit\" text, \"description\" text, \"capacity_need_id\" uuid, \"pledged_by_id\" uuid NOT NULL, \"organisation_id\" uuid, \"note\" text, \"status\" \"public\".\"pledge_status\" NOT NULL DEFAULT 'PLEDGED', \"match_offer_id\" uuid, \"matches_pledge_id\" uuid, \"evidence\" text, \"fulfilled_at\" TIMESTAMP WITH TIME ZONE, \"fulfilled_by_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"pledges_match_check\" CHECK ((match_offer_id IS NULL) = (matches_pledge_id IS NULL)), CONSTRAINT \"pledges_kind_check\" CHECK ((kind = 'FUNDING' AND amount_minor > 0 AND currency IS NOT NULL AND capacity_kind IS NULL AND quantity IS NULL)\n   OR (kind = 'CAPACITY' AND amount_minor IS NULL AND currency IS NULL AND capacity_kind IS NOT NULL AND quantity > 0)), CONSTRAINT \"PK_cbc41e4e1ba6b2690543f158d22\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"pledges_capacity_need_idx\" ON \"pledges\"  (\"capacity_need_id\") ");
    await queryRunner.query("CREATE INDEX \"pledges_match_offer_idx\" ON \"pledges\"  (\"match_offer_id\") ");
    await queryRunner.query("CREATE INDEX \"pledges_matches_pledge_idx\" ON \"pledges\"  (\"matches_pledge_id\") ");
    await queryRunner.query("CREATE INDEX \"pledges_pledged_by_idx\" ON \"pledges\"  (\"pledged_by_id\") ");
    await queryRunner.query("CREATE INDEX \"pledges_organisation_created_idx\" ON \"pledges\"  (\"organisation_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"pledges_solution_created_idx\" ON \"pledges\"  (\"solution_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"pledge_changes\" (\"id\" uuid NOT NULL, \"pledge_id\" uuid NOT NULL, \"actor_id\" uuid, \"from_status\" \"public\".\"pledge_status\", \"to_status\" \"public\".\"pledge_status\" NOT NULL, \"note\" text, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_39f031d405a8f5f84916fdd3ef5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"pledge_changes_pledge_idx\" ON \"pledge_changes\"  (\"pledge_id\", \"at\", \"id\") ");
    await queryRunner.query("ALTER TABLE \"solutions\" ADD \"funding_pledged_minor\" bigint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"solutions\" ADD \"funding_fulfilled_minor\" bigint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" ADD \"pledged\" bigint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" ADD \"fulfilled\" bigint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"solutions\" ADD CONSTRAINT \"solutions_funding_totals_check\" CHECK (funding_pledged_minor >= 0 AND funding_fulfilled_minor >= 0)");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" ADD CONSTRAINT \"solution_capacity_needs_pledged_check\" CHECK (pledged >= 0 AND fulfilled >= 0)");
    await queryRunner.query("ALTER TABLE \"match_offers\" ADD CONSTRAINT \"FK_28983f2e88d07d75b2df43cfa92\" FOREIGN KEY (\"solution_id\") REFERENCES \"solutions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"match_offers\" ADD CONSTRAINT \"FK_9a0aea31453816de36cc1943eec\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"match_offers\" ADD CONSTRAINT \"FK_239621d3f5b4a77969bb52b1b5c\" FOREIGN KEY (\"offered_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledges\" ADD CONSTRAINT \"FK_dfd1c74d49809c0570e11d8aab4\" FOREIGN KEY (\"solution_id\") REFERENCES \"solutions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledges\" ADD CONSTRAINT \"FK_75c250a8a71ca25ea05940ddd06\" FOREIGN KEY (\"capacity_need_id\") REFERENCES \"solution_capacity_needs\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledges\" ADD CONSTRAINT \"FK_be6f0b0c4521c8b1f5b30d5fd25\" FOREIGN KEY (\"pledged_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledges\" ADD CONSTRAINT \"FK_1036e6bb9dc2cea2edda662cbb4\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledges\" ADD CONSTRAINT \"FK_026de32de860109d91f4fbdeaf5\" FOREIGN KEY (\"match_offer_id\") REFERENCES \"match_offers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledges\" ADD CONSTRAINT \"FK_1223eb5f7ad9244137d6c88a8a5\" FOREIGN KEY (\"matches_pledge_id\") REFERENCES \"pledges\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledges\" ADD CONSTRAINT \"FK_aac845764d266b112410d7c550f\" FOREIGN KEY (\"fulfilled_by_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledge_changes\" ADD CONSTRAINT \"FK_d20bf9db3ad12aa9ac2f06a0126\" FOREIGN KEY (\"pledge_id\") REFERENCES \"pledges\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"pledge_changes\" ADD CONSTRAINT \"FK_fc8f6722af9e026294fa606d958\" FOREIGN KEY (\"actor_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query(`
      INSERT INTO timeline_event_kinds (kind, lib) VALUES
        ('PLEDGE_MADE', 'pledges'), ('PLEDGE_MATCHED', 'pledges'), ('PLEDGE_WITHDRAWN', 'pledges'),
        ('PLEDGE_FULFILLED', 'pledges'), ('PLEDGE_RELEASED', 'pledges'), ('MATCH_FUNDING_OFFERED', 'pledges')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM problem_events WHERE kind IN (SELECT kind FROM timeline_event_kinds WHERE lib = 'pledges')");
    await queryRunner.query("DELETE FROM timeline_event_kinds WHERE lib = 'pledges'");
    await queryRunner.query("ALTER TABLE \"pledge_changes\" DROP CONSTRAINT \"FK_fc8f6722af9e026294fa606d958\"");
    await queryRunner.query("ALTER TABLE \"pledge_changes\" DROP CONSTRAINT \"FK_d20bf9db3ad12aa9ac2f06a0126\"");
    await queryRunner.query("ALTER TABLE \"pledges\" DROP CONSTRAINT \"FK_aac845764d266b112410d7c550f\"");
    await queryRunner.query("ALTER TABLE \"pledges\" DROP CONSTRAINT \"FK_1223eb5f7ad9244137d6c88a8a5\"");
    await queryRunner.query("ALTER TABLE \"pledges\" DROP CONSTRAINT \"FK_026de32de860109d91f4fbdeaf5\"");
    await queryRunner.query("ALTER TABLE \"pledges\" DROP CONSTRAINT \"FK_1036e6bb9dc2cea2edda662cbb4\"");
    await queryRunner.query("ALTER TABLE \"pledges\" DROP CONSTRAINT \"FK_be6f0b0c4521c8b1f5b30d5fd25\"");
    await queryRunner.query("ALTER TABLE \"pledges\" DROP CONSTRAINT \"FK_75c250a8a71ca25ea05940ddd06\"");
    await queryRunner.query("ALTER TABLE \"pledges\" DROP CONSTRAINT \"FK_dfd1c74d49809c0570e11d8aab4\"");
    await queryRunner.query("ALTER TABLE \"match_offers\" DROP CONSTRAINT \"FK_239621d3f5b4a77969bb52b1b5c\"");
    await queryRunner.query("ALTER TABLE \"match_offers\" DROP CONSTRAINT \"FK_9a0aea31453816de36cc1943eec\"");
    await queryRunner.query("ALTER TABLE \"match_offers\" DROP CONSTRAINT \"FK_28983f2e88d07d75b2df43cfa92\"");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" DROP CONSTRAINT \"solution_capacity_needs_pledged_check\"");
    await queryRunner.query("ALTER TABLE \"solutions\" DROP CONSTRAINT \"solutions_funding_totals_check\"");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" DROP COLUMN \"fulfilled\"");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" DROP COLUMN \"pledged\"");
    await queryRunner.query("ALTER TABLE \"solutions\" DROP COLUMN \"funding_fulfilled_minor\"");
    await queryRunner.query("ALTER TABLE \"solutions\" DROP COLUMN \"funding_pledged_minor\"");
    await queryRunner.query("DROP INDEX \"public\".\"pledge_changes_pledge_idx\"");
    await queryRunner.query("DROP TABLE \"pledge_changes\"");
    await queryRunner.query("DROP INDEX \"public\".\"pledges_solution_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"pledges_organisation_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"pledges_pledged_by_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"pledges_matches_pledge_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"pledges_match_offer_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"pledges_capacity_need_idx\"");
    await queryRunner.query("DROP TABLE \"pledges\"");
    await queryRunner.query("DROP TYPE \"public\".\"pledge_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"pledge_capacity_kind\"");
    await queryRunner.query("DROP TYPE \"public\".\"pledge_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"match_offers_solution_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"match_offers_organisation_idx\"");
    await queryRunner.query("DROP TABLE \"match_offers\"");
  }
}
