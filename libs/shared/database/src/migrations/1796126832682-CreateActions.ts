import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The actions lib: actions and their log, assessments, outcome ratings, and the timeline kinds it
 * writes. Going down removes the timeline rows of those kinds first.
 */
export class CreateActions1796126832682 implements MigrationInterface {
  name = 'CreateActions1796126832682';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"action_status\" AS ENUM('PLANNED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'CANCELLED')");
    await queryRunner.query("CREATE TYPE \"public\".\"action_visibility\" AS ENUM('PUBLIC', 'INTERNAL')");
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES (current_database(), 'public', 'actions', 'GENERATED_COLUMN', 'due_order', 'COALESCE(due_at, ''9999-12-31 00:00:00+00''::timestamp with time zone)')");
    await queryRunner.query("CREATE TABLE \"actions\" (\"id\" uuid NOT NULL, \"problem_id\" uuid NOT NULL, \"solution_id\" uuid, \"area_id\" uuid, \"public_area_id\" uuid, \"title\" text NOT NULL, \"description\" text NOT NULL DEFAULT '', \"status\" \"public\".\"action_status\" NOT NULL DEFAULT 'PLANNED', \"progress_percent\" integer NOT NULL DEFAULT '0', \"visibility\" \"public\".\"action_visibility\" NOT NULL DEFAULT 'PUBLIC', \"due_at\" TIMESTAMP WITH TIME ZONE, \"due_order\" TIMESTAMP WITH TIME ZONE GENERATED ALWAYS AS (COALESCE(due_at, '9999-12-31 00:00:00+00'::timestamp with time zone)) STORED NOT NULL, \"assignee_id\" uuid, \"organisation_id\" uuid, \"created_by_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"actions_progress_check\" CHECK (progress_percent BETWEEN 0 AND 100), CONSTRAINT \"actions_one_assignee_check\" CHECK (num_nonnulls(assignee_id, organisation_id) <= 1), CONSTRAINT \"PK_7bfb822f56be449c0b8adbf83cf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"actions_due_idx\" ON \"actions\"  (\"due_order\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"actions_public_area_status_idx\" ON \"actions\"  (\"public_area_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"actions_area_due_idx\" ON \"actions\"  (\"area_id\", \"due_order\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"actions_organisation_due_idx\" ON \"actions\"  (\"organisation_id\", \"due_order\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"actions_assignee_due_idx\" ON \"actions\"  (\"assignee_id\", \"due_order\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"actions_problem_idx\" ON \"actions\"  (\"problem_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"action_updates\" (\"id\" uuid NOT NULL, \"action_id\" uuid NOT NULL, \"author_id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"note\" text, \"status\" \"public\".\"action_status\" NOT NULL, \"progress_percent\" integer NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_e5a2ca5044f578206b6839cd83f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"action_updates_action_idx\" ON \"action_updates\"  (\"action_id\", \"at\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"assessment_outcome\" AS ENUM('RESOLVED', 'IMPROVED', 'NO_CHANGE', 'WORSENED', 'DISPLACED')");
    await queryRunner.query("CREATE TABLE \"problem_assessments\" (\"id\" uuid NOT NULL, \"problem_id\" uuid NOT NULL, \"public_area_id\" uuid, \"outcome\" \"public\".\"assessment_outcome\" NOT NULL, \"summary\" text NOT NULL, \"metrics\" jsonb NOT NULL, \"current\" boolean NOT NULL DEFAULT true, \"assessed_by_id\" uuid NOT NULL, \"assessed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_a99edab25f9a08fb80fa8eb169a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"problem_assessments_public_area_idx\" ON \"problem_assessments\"  (\"public_area_id\", \"assessed_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"problem_assessments_current_key\" ON \"problem_assessments\"  (\"problem_id\") WHERE current");
    await queryRunner.query("CREATE INDEX \"problem_assessments_problem_idx\" ON \"problem_assessments\"  (\"problem_id\", \"assessed_at\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"outcome_worked\" AS ENUM('YES', 'PARTLY', 'NO')");
    await queryRunner.query("CREATE TABLE \"outcome_ratings\" (\"problem_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"worked\" \"public\".\"outcome_worked\" NOT NULL, \"comment\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"rated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ae2787ba8b0eb84e8f07d9885fc\" PRIMARY KEY (\"problem_id\", \"user_id\"))");
    await queryRunner.query("CREATE INDEX \"outcome_ratings_rated_idx\" ON \"outcome_ratings\"  (\"rated_at\") ");
    await queryRunner.query("ALTER TABLE \"actions\" ADD CONSTRAINT \"FK_7339eac979c6b7c03480315c885\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"actions\" ADD CONSTRAINT \"FK_466532f8c5cbb71638a195b3db4\" FOREIGN KEY (\"solution_id\") REFERENCES \"solutions\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"actions\" ADD CONSTRAINT \"FK_43478f01f22b0a93b7013220676\" FOREIGN KEY (\"area_id\") REFERENCES \"areas\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"actions\" ADD CONSTRAINT \"FK_de17a7fdaa72b81e07d288aea90\" FOREIGN KEY (\"public_area_id\") REFERENCES \"areas\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"actions\" ADD CONSTRAINT \"FK_d0f154edc5b85d21a802308e4da\" FOREIGN KEY (\"assignee_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"actions\" ADD CONSTRAINT \"FK_3a6eae761a2df8d0c1e3642cb88\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"actions\" ADD CONSTRAINT \"FK_b8c0bb2c1a714998b8fd8d36e74\" FOREIGN KEY (\"created_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"action_updates\" ADD CONSTRAINT \"FK_c56fa164446eaf08bf11d085a39\" FOREIGN KEY (\"action_id\") REFERENCES \"actions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"action_updates\" ADD CONSTRAINT \"FK_07d7358d98b89440576834fe20f\" FOREIGN KEY (\"author_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_assessments\" ADD CONSTRAINT \"FK_12f80e7eaaa132e6faeb7af0415\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_assessments\" ADD CONSTRAINT \"FK_d91b35dcb14d62b6d58ae3da4a0\" FOREIGN KEY (\"assessed_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"outcome_ratings\" ADD CONSTRAINT \"FK_1a46d713117f49eabbc67ecb581\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"outcome_ratings\" ADD CONSTRAINT \"FK_fd0f79edb8bccaaba6208dd5c7d\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query(
      "INSERT INTO timeline_event_kinds (kind, lib) VALUES ('LEAD_ASSIGNED', 'actions'), ('ACTION_CREATED', 'actions'), ('ACTION_ASSIGNED', 'actions'), ('ACTION_UPDATED', 'actions'), ('ASSESSED', 'actions')",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM problem_events WHERE kind IN (SELECT kind FROM timeline_event_kinds WHERE lib = 'actions')");
    await queryRunner.query("DELETE FROM timeline_event_kinds WHERE lib = 'actions'");
    await queryRunner.query("ALTER TABLE \"outcome_ratings\" DROP CONSTRAINT \"FK_fd0f79edb8bccaaba6208dd5c7d\"");
    await queryRunner.query("ALTER TABLE \"outcome_ratings\" DROP CONSTRAINT \"FK_1a46d713117f49eabbc67ecb581\"");
    await queryRunner.query("ALTER TABLE \"problem_assessments\" DROP CONSTRAINT \"FK_d91b35dcb14d62b6d58ae3da4a0\"");
    await queryRunner.query("ALTER TABLE \"problem_assessments\" DROP CONSTRAINT \"FK_12f80e7eaaa132e6faeb7af0415\"");
    await queryRunner.query("ALTER TABLE \"action_updates\" DROP CONSTRAINT \"FK_07d7358d98b89440576834fe20f\"");
    await queryRunner.query("ALTER TABLE \"action_updates\" DROP CONSTRAINT \"FK_c56fa164446eaf08bf11d085a39\"");
    await queryRunner.query("ALTER TABLE \"actions\" DROP CONSTRAINT \"FK_b8c0bb2c1a714998b8fd8d36e74\"");
    await queryRunner.query("ALTER TABLE \"actions\" DROP CONSTRAINT \"FK_3a6eae761a2df8d0c1e3642cb88\"");
    await queryRunner.query("ALTER TABLE \"actions\" DROP CONSTRAINT \"FK_d0f154edc5b85d21a802308e4da\"");
    await queryRunner.query("ALTER TABLE \"actions\" DROP CONSTRAINT \"FK_de17a7fdaa72b81e07d288aea90\"");
    await queryRunner.query("ALTER TABLE \"actions\" DROP CONSTRAINT \"FK_43478f01f22b0a93b7013220676\"");
    await queryRunner.query("ALTER TABLE \"actions\" DROP CONSTRAINT \"FK_466532f8c5cbb71638a195b3db4\"");
    await queryRunner.query("ALTER TABLE \"actions\" DROP CONSTRAINT \"FK_7339eac979c6b7c03480315c885\"");
    await queryRunner.query("DROP INDEX \"public\".\"outcome_ratings_rated_idx\"");
    await queryRunner.query("DROP TABLE \"outcome_ratings\"");
    await queryRunner.query("DROP TYPE \"public\".\"outcome_worked\"");
    await queryRunner.query("DROP INDEX \"public\".\"problem_assessments_problem_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"problem_assessments_current_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"problem_assessments_public_area_idx\"");
    await queryRunner.query("DROP TABLE \"problem_assessments\"");
    await queryRunner.query("DROP TYPE \"public\".\"assessment_outcome\"");
    await queryRunner.query("DROP INDEX \"public\".\"action_updates_action_idx\"");
    await queryRunner.query("DROP TABLE \"action_updates\"");
    await queryRunner.query("DROP INDEX \"public\".\"actions_problem_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"actions_assignee_due_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"actions_organisation_due_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"actions_area_due_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"actions_public_area_status_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"actions_due_idx\"");
    await queryRunner.query("DROP TABLE \"actions\"");
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = 'GENERATED_COLUMN' AND \"name\" = 'due_order' AND \"database\" = current_database() AND \"schema\" = 'public' AND \"table\" = 'actions'");
    await queryRunner.query("DROP TYPE \"public\".\"action_visibility\"");
    await queryRunner.query("DROP TYPE \"public\".\"action_status\"");
  }
}
