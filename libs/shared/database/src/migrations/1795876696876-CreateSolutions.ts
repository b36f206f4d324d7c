import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSolutions1795876696876 implements MigrationInterface {
  name = 'CreateSolutions1795876696876';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"solution_status\" AS ENUM('PROPOSED', 'SHORTLISTED', 'ADOPTED', 'REJECTED', 'IMPLEMENTED')");
    await queryRunner.query("CREATE TABLE \"solutions\" (\"id\" uuid NOT NULL, \"problem_id\" uuid NOT NULL, \"title\" text NOT NULL, \"description\" text NOT NULL, \"proposer_id\" uuid NOT NULL, \"organisation_id\" uuid, \"status\" \"public\".\"solution_status\" NOT NULL DEFAULT 'PROPOSED', \"status_note\" text, \"up_votes\" integer NOT NULL DEFAULT '0', \"down_votes\" integer NOT NULL DEFAULT '0', \"score\" double precision NOT NULL DEFAULT '0', \"funding_goal_minor\" bigint, \"funding_currency\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"solutions_votes_check\" CHECK (up_votes >= 0 AND down_votes >= 0), CONSTRAINT \"solutions_funding_goal_check\" CHECK ((funding_goal_minor IS NULL) = (funding_currency IS NULL) AND (funding_goal_minor IS NULL OR funding_goal_minor > 0)), CONSTRAINT \"PK_05589f12803f420b119df2f6170\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"solutions_organisation_idx\" ON \"solutions\"  (\"organisation_id\") ");
    await queryRunner.query("CREATE INDEX \"solutions_proposer_idx\" ON \"solutions\"  (\"proposer_id\") ");
    await queryRunner.query("CREATE INDEX \"solutions_problem_created_idx\" ON \"solutions\"  (\"problem_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"solutions_problem_score_idx\" ON \"solutions\"  (\"problem_id\", \"score\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"solution_capacity_needs\" (\"id\" uuid NOT NULL, \"solution_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"quantity\" integer NOT NULL, \"unit\" text, CONSTRAINT \"solution_capacity_needs_quantity_check\" CHECK (quantity > 0), CONSTRAINT \"PK_a7c2de64ef1f79ee1b410586140\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"solution_capacity_needs_solution_idx\" ON \"solution_capacity_needs\"  (\"solution_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"solution_votes\" (\"solution_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"value\" smallint NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"solution_votes_value_check\" CHECK (value IN (-1, 1)), CONSTRAINT \"PK_58b679ae3bf21271f74dc7c6562\" PRIMARY KEY (\"solution_id\", \"user_id\"))");
    await queryRunner.query("CREATE INDEX \"solution_votes_user_idx\" ON \"solution_votes\"  (\"user_id\") ");
    await queryRunner.query("ALTER TABLE \"solutions\" ADD CONSTRAINT \"FK_063aa5f44c927b7b46946819644\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"solutions\" ADD CONSTRAINT \"FK_cc958e86eabf9e683236c7b2662\" FOREIGN KEY (\"proposer_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"solutions\" ADD CONSTRAINT \"FK_2e3e5a5b29a11378f3fd7a4a4ff\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" ADD CONSTRAINT \"FK_08b2a03f37cef959e0f257abe9c\" FOREIGN KEY (\"solution_id\") REFERENCES \"solutions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"solution_votes\" ADD CONSTRAINT \"FK_bcf05c9681f79208040b415f93b\" FOREIGN KEY (\"solution_id\") REFERENCES \"solutions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"solution_votes\" ADD CONSTRAINT \"FK_5d34e5e7d6cd371ba8623b2415c\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"solution_votes\" DROP CONSTRAINT \"FK_5d34e5e7d6cd371ba8623b2415c\"");
    await queryRunner.query("ALTER TABLE \"solution_votes\" DROP CONSTRAINT \"FK_bcf05c9681f79208040b415f93b\"");
    await queryRunner.query("ALTER TABLE \"solution_capacity_needs\" DROP CONSTRAINT \"FK_08b2a03f37cef959e0f257abe9c\"");
    await queryRunner.query("ALTER TABLE \"solutions\" DROP CONSTRAINT \"FK_2e3e5a5b29a11378f3fd7a4a4ff\"");
    await queryRunner.query("ALTER TABLE \"solutions\" DROP CONSTRAINT \"FK_cc958e86eabf9e683236c7b2662\"");
    await queryRunner.query("ALTER TABLE \"solutions\" DROP CONSTRAINT \"FK_063aa5f44c927b7b46946819644\"");
    await queryRunner.query("DROP INDEX \"public\".\"solution_votes_user_idx\"");
    await queryRunner.query("DROP TABLE \"solution_votes\"");
    await queryRunner.query("DROP INDEX \"public\".\"solution_capacity_needs_solution_idx\"");
    await queryRunner.query("DROP TABLE \"solution_capacity_needs\"");
    await queryRunner.query("DROP INDEX \"public\".\"solutions_problem_score_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"solutions_problem_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"solutions_proposer_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"solutions_organisation_idx\"");
    await queryRunner.query("DROP TABLE \"solutions\"");
    await queryRunner.query("DROP TYPE \"public\".\"solution_status\"");
  }
}
