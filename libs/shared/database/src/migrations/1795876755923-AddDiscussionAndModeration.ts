import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDiscussionAndModeration1795876755923 implements MigrationInterface {
  name = 'AddDiscussionAndModeration1795876755923';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Edited by hand: the generator emitted CREATE TYPE moderation_target (shared by three tables) three times.
    await queryRunner.query("CREATE TABLE \"comments\" (\"id\" uuid NOT NULL, \"problem_id\" uuid, \"solution_id\" uuid, \"parent_id\" uuid, \"author_id\" uuid NOT NULL, \"body\" text NOT NULL, \"official\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"comments_one_target_check\" CHECK (num_nonnulls(problem_id, solution_id) = 1), CONSTRAINT \"PK_8bf68bc960f2b69e818bdb90dcb\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"comments_author_idx\" ON \"comments\"  (\"author_id\") ");
    await queryRunner.query("CREATE INDEX \"comments_parent_idx\" ON \"comments\"  (\"parent_id\") ");
    await queryRunner.query("CREATE INDEX \"comments_solution_idx\" ON \"comments\"  (\"solution_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"comments_problem_idx\" ON \"comments\"  (\"problem_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"moderation_target\" AS ENUM('COMMENT', 'PROBLEM', 'SOLUTION')");
    await queryRunner.query("CREATE TABLE \"content_flags\" (\"target_type\" \"public\".\"moderation_target\" NOT NULL, \"target_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"reason\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_96c13e2f843c861c5f9dc8fd1c0\" PRIMARY KEY (\"target_type\", \"target_id\", \"user_id\"))");
    await queryRunner.query("CREATE INDEX \"content_flags_user_idx\" ON \"content_flags\"  (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"moderation_states\" (\"target_type\" \"public\".\"moderation_target\" NOT NULL, \"target_id\" uuid NOT NULL, \"hidden\" boolean NOT NULL DEFAULT false, \"pending_flags\" integer NOT NULL DEFAULT '0', \"total_flags\" integer NOT NULL DEFAULT '0', \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_9657255aa855c000fc1f7f5492f\" PRIMARY KEY (\"target_type\", \"target_id\"))");
    await queryRunner.query("CREATE INDEX \"moderation_states_hidden_idx\" ON \"moderation_states\"  (\"hidden\", \"target_type\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"moderation_action\" AS ENUM('HIDE', 'RESTORE')");
    await queryRunner.query("CREATE TABLE \"moderation_actions\" (\"id\" uuid NOT NULL, \"target_type\" \"public\".\"moderation_target\" NOT NULL, \"target_id\" uuid NOT NULL, \"action\" \"public\".\"moderation_action\" NOT NULL, \"moderator_id\" uuid, \"reason\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_d259906fb4d2a5ef718f1f66e35\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"moderation_actions_target_idx\" ON \"moderation_actions\"  (\"target_type\", \"target_id\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"comments\" ADD CONSTRAINT \"FK_3c44320f18a3f38bf3536e215b4\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"comments\" ADD CONSTRAINT \"FK_b8a0829eafee94362bda4bc491f\" FOREIGN KEY (\"solution_id\") REFERENCES \"solutions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"comments\" ADD CONSTRAINT \"FK_d6f93329801a93536da4241e386\" FOREIGN KEY (\"parent_id\") REFERENCES \"comments\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"comments\" ADD CONSTRAINT \"FK_e6d38899c31997c45d128a8973b\" FOREIGN KEY (\"author_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"content_flags\" ADD CONSTRAINT \"FK_9097fd8af997f5195c31ec706c1\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"moderation_actions\" ADD CONSTRAINT \"FK_d891b13e150f7bf62e48f349d82\" FOREIGN KEY (\"moderator_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Edited by hand: moderation_target is dropped once, after the last table that uses it.
    await queryRunner.query("ALTER TABLE \"moderation_actions\" DROP CONSTRAINT \"FK_d891b13e150f7bf62e48f349d82\"");
    await queryRunner.query("ALTER TABLE \"content_flags\" DROP CONSTRAINT \"FK_9097fd8af997f5195c31ec706c1\"");
    await queryRunner.query("ALTER TABLE \"comments\" DROP CONSTRAINT \"FK_e6d38899c31997c45d128a8973b\"");
    await queryRunner.query("ALTER TABLE \"comments\" DROP CONSTRAINT \"FK_d6f93329801a93536da4241e386\"");
    await queryRunner.query("ALTER TABLE \"comments\" DROP CONSTRAINT \"FK_b8a0829eafee94362bda4bc491f\"");
    await queryRunner.query("ALTER TABLE \"comments\" DROP CONSTRAINT \"FK_3c44320f18a3f38bf3536e215b4\"");
    await queryRunner.query("DROP INDEX \"public\".\"moderation_actions_target_idx\"");
    await queryRunner.query("DROP TABLE \"moderation_actions\"");
    await queryRunner.query("DROP TYPE \"public\".\"moderation_action\"");
    await queryRunner.query("DROP INDEX \"public\".\"moderation_states_hidden_idx\"");
    await queryRunner.query("DROP TABLE \"moderation_states\"");
    await queryRunner.query("DROP INDEX \"public\".\"content_flags_user_idx\"");
    await queryRunner.query("DROP TABLE \"content_flags\"");
    await queryRunner.query("DROP TYPE \"public\".\"moderation_target\"");
    await queryRunner.query("DROP INDEX \"public\".\"comments_problem_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"comments_solution_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"comments_parent_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"comments_author_idx\"");
    await queryRunner.query("DROP TABLE \"comments\"");
  }
}
