import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentity1795874454304 implements MigrationInterface {
  name = 'CreateIdentity1795874454304';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"user_role\" AS ENUM('RESIDENT', 'OFFICER', 'SUPERVISOR', 'MODERATOR', 'ADMIN')");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" uuid NOT NULL, \"email\" text NOT NULL, \"display_name\" text NOT NULL, \"password_hash\" text NOT NULL, \"roles\" \"public\".\"user_role\" array NOT NULL DEFAULT '{RESIDENT}', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"users_email_key\" ON \"users\"  (\"email\") ");
    await queryRunner.query("CREATE TABLE \"organisations\" (\"id\" uuid NOT NULL, \"name\" text NOT NULL, \"description\" text NOT NULL DEFAULT '', \"website\" text, \"created_by_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7bf54cba378d5b2f1d4c10ef4df\" PRIMARY KEY (\"id\"))");
    // Hand-written: organisation names are unique ignoring case.
    await queryRunner.query('CREATE UNIQUE INDEX "organisations_name_key" ON "organisations" (lower("name"))');
    await queryRunner.query("CREATE TYPE \"public\".\"membership_role\" AS ENUM('OWNER', 'MEMBER')");
    await queryRunner.query("CREATE TABLE \"organisation_members\" (\"organisation_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"role\" \"public\".\"membership_role\" NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_3cc6551a3f80b7aca61439ac6a5\" PRIMARY KEY (\"organisation_id\", \"user_id\"))");
    await queryRunner.query("CREATE INDEX \"organisation_members_user_idx\" ON \"organisation_members\"  (\"user_id\") ");
    await queryRunner.query("ALTER TABLE \"organisations\" ADD CONSTRAINT \"FK_b9a0f24ec52888de7d34e2332df\" FOREIGN KEY (\"created_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"organisation_members\" ADD CONSTRAINT \"FK_588fd3930af62ea399879e1d7ab\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"organisation_members\" ADD CONSTRAINT \"FK_6d808506119822a1e47422b512a\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"organisation_members\" DROP CONSTRAINT \"FK_6d808506119822a1e47422b512a\"");
    await queryRunner.query("ALTER TABLE \"organisation_members\" DROP CONSTRAINT \"FK_588fd3930af62ea399879e1d7ab\"");
    await queryRunner.query("ALTER TABLE \"organisations\" DROP CONSTRAINT \"FK_b9a0f24ec52888de7d34e2332df\"");
    await queryRunner.query("DROP INDEX \"public\".\"organisation_members_user_idx\"");
    await queryRunner.query("DROP TABLE \"organisation_members\"");
    await queryRunner.query("DROP TYPE \"public\".\"membership_role\"");
    await queryRunner.query('DROP INDEX "public"."organisations_name_key"');
    await queryRunner.query("DROP TABLE \"organisations\"");
    await queryRunner.query("DROP INDEX \"public\".\"users_email_key\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP TYPE \"public\".\"user_role\"");
  }
}
