import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProblems1795875358913 implements MigrationInterface {
  name = 'CreateProblems1795875358913';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: geography and text search need these contrib extensions.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS cube');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS earthdistance');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query("CREATE TABLE IF NOT EXISTS \"typeorm_metadata\" (\"type\" varchar NOT NULL, \"database\" varchar, \"schema\" varchar, \"table\" varchar, \"name\" varchar, \"value\" text)");
    await queryRunner.query("CREATE TABLE \"areas\" (\"id\" uuid NOT NULL, \"name\" text NOT NULL, \"boundary\" polygon NOT NULL, \"created_by_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_5110493f6342f34c978c084d0d6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"area_officers\" (\"area_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"assigned_by_id\" uuid NOT NULL, \"assigned_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_7f697c4a3e4dd75c0f1d5f3352d\" PRIMARY KEY (\"area_id\", \"user_id\"))");
    await queryRunner.query("CREATE INDEX \"area_officers_user_idx\" ON \"area_officers\"  (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"categories\" (\"code\" text NOT NULL, \"name\" text NOT NULL, \"sensitive\" boolean NOT NULL DEFAULT false, \"priority_weight\" double precision NOT NULL DEFAULT '0', \"sort_order\" integer NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_77d7eff8a7aaa05457a12b8007a\" PRIMARY KEY (\"code\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"problem_status\" AS ENUM('REPORTED', 'SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT', 'RESOLVED', 'DUPLICATE', 'REJECTED')");
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES (current_database(), 'public', 'problems', 'GENERATED_COLUMN', 'priority', 'ln((1 + support_count)::float8) / ln(2::float8) + category_weight + date_part(''epoch'', reported_at AT TIME ZONE ''UTC'') / 259200.0')");
    await queryRunner.query("INSERT INTO \"typeorm_metadata\"(\"database\", \"schema\", \"table\", \"type\", \"name\", \"value\") VALUES (current_database(), 'public', 'problems', 'GENERATED_COLUMN', 'search_vector', 'setweight(to_tsvector(''english''::regconfig, title), ''A'') || setweight(to_tsvector(''english''::regconfig, description), ''B'')')");
    await queryRunner.query("CREATE TABLE \"problems\" (\"id\" uuid NOT NULL, \"title\" text NOT NULL, \"description\" text NOT NULL, \"category_code\" text NOT NULL, \"status\" \"public\".\"problem_status\" NOT NULL DEFAULT 'REPORTED', \"lat\" double precision NOT NULL, \"lng\" double precision NOT NULL, \"public_lat\" double precision NOT NULL, \"public_lng\" double precision NOT NULL, \"location_earth\" cube NOT NULL, \"public_earth\" cube NOT NULL, \"address\" text, \"area_id\" uuid, \"reporter_id\" uuid NOT NULL, \"anonymous\" boolean NOT NULL DEFAULT false, \"support_count\" integer NOT NULL DEFAULT '0', \"category_weight\" double precision NOT NULL DEFAULT '0', \"priority\" double precision GENERATED ALWAYS AS (ln((1 + support_count)::float8) / ln(2::float8) + category_weight + date_part('epoch', reported_at AT TIME ZONE 'UTC') / 259200.0) STORED NOT NULL, \"duplicate_of_id\" uuid, \"status_note\" text, \"status_changed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"reported_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"search_vector\" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, description), 'B')) STORED NOT NULL, CONSTRAINT \"PK_b3994afba6ab64a42cda1ccaeff\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"problems_reporter_idx\" ON \"problems\"  (\"reporter_id\") ");
    await queryRunner.query("CREATE INDEX \"problems_status_idx\" ON \"problems\"  (\"status\") ");
    await queryRunner.query("CREATE INDEX \"problems_area_status_idx\" ON \"problems\"  (\"area_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"problems_priority_idx\" ON \"problems\"  (\"priority\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"problems_supported_idx\" ON \"problems\"  (\"support_count\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"problems_newest_idx\" ON \"problems\"  (\"reported_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"problem_supports\" (\"problem_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_a4b53d791afb1b920218dd1f7bd\" PRIMARY KEY (\"problem_id\", \"user_id\"))");
    await queryRunner.query("CREATE INDEX \"problem_supports_user_idx\" ON \"problem_supports\"  (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"problem_analyses\" (\"problem_id\" uuid NOT NULL, \"offender\" text, \"victim\" text, \"place\" text, \"handler\" text, \"guardian\" text, \"manager\" text, \"hypothesis\" text, \"recorded_by_id\" uuid NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_621f3b14f3d615f0b52627b4686\" PRIMARY KEY (\"problem_id\"))");
    await queryRunner.query("CREATE TABLE \"problem_events\" (\"id\" uuid NOT NULL, \"problem_id\" uuid NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"kind\" text NOT NULL, \"actor_id\" uuid, \"note\" text, \"from_status\" \"public\".\"problem_status\", \"to_status\" \"public\".\"problem_status\", \"subject_id\" uuid, CONSTRAINT \"PK_d5221b74f52bdde1ebf9689396c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"problem_events_problem_idx\" ON \"problem_events\"  (\"problem_id\", \"at\", \"id\") ");
    await queryRunner.query("ALTER TABLE \"areas\" ADD CONSTRAINT \"FK_de4842ffadb0d1665dc78a1c3e5\" FOREIGN KEY (\"created_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"area_officers\" ADD CONSTRAINT \"FK_57fba00addea039cc7eb2296118\" FOREIGN KEY (\"area_id\") REFERENCES \"areas\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"area_officers\" ADD CONSTRAINT \"FK_23bc5d41171a29001c9dc8427a4\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"area_officers\" ADD CONSTRAINT \"FK_3db7e69401b4f9d3871685697ff\" FOREIGN KEY (\"assigned_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problems\" ADD CONSTRAINT \"FK_7d5323629e9f333d02d85fb033a\" FOREIGN KEY (\"category_code\") REFERENCES \"categories\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problems\" ADD CONSTRAINT \"FK_d0ffb2753c205534c1c45e55ac8\" FOREIGN KEY (\"area_id\") REFERENCES \"areas\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problems\" ADD CONSTRAINT \"FK_a86629168514816ae334d4e50e1\" FOREIGN KEY (\"reporter_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problems\" ADD CONSTRAINT \"FK_931ef810ee551a1104b1e904004\" FOREIGN KEY (\"duplicate_of_id\") REFERENCES \"problems\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_supports\" ADD CONSTRAINT \"FK_34baf737c43032e36128017c61e\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_supports\" ADD CONSTRAINT \"FK_b472924c5129c4cf6342b97ad75\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_analyses\" ADD CONSTRAINT \"FK_621f3b14f3d615f0b52627b4686\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_analyses\" ADD CONSTRAINT \"FK_e94fa50233de9ec5ca815025f5d\" FOREIGN KEY (\"recorded_by_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_events\" ADD CONSTRAINT \"FK_77930bc90982493522026f893ec\" FOREIGN KEY (\"problem_id\") REFERENCES \"problems\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"problem_events\" ADD CONSTRAINT \"FK_3daf18b2af14f38fc25e59c7e2a\" FOREIGN KEY (\"actor_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    // Hand-written: indexes TypeORM cannot declare, and the default categories.
    await queryRunner.query('CREATE INDEX "areas_boundary_gist" ON "areas" USING gist ("boundary")');
    await queryRunner.query('CREATE INDEX "problems_location_gist" ON "problems" USING gist ("location_earth")');
    await queryRunner.query('CREATE INDEX "problems_public_location_gist" ON "problems" USING gist ("public_earth")');
    await queryRunner.query('CREATE INDEX "problems_search_gin" ON "problems" USING gin ("search_vector")');
    await queryRunner.query('CREATE INDEX "problems_title_trgm" ON "problems" USING gin ("title" gin_trgm_ops)');
    await queryRunner.query(`INSERT INTO categories (code, name, sensitive, priority_weight, sort_order) VALUES
      ('ANTISOCIAL_BEHAVIOUR', 'Antisocial behaviour', false, 0, 10),
      ('DRUGS', 'Drug dealing and drug use', false, 0.5, 20),
      ('THEFT', 'Theft', false, 0, 30),
      ('BURGLARY', 'Burglary', false, 0.5, 40),
      ('VANDALISM', 'Vandalism and graffiti', false, 0, 50),
      ('TRAFFIC', 'Traffic and speeding', false, 0, 60),
      ('VIOLENCE', 'Violence', true, 1, 70),
      ('HARASSMENT', 'Harassment and intimidation', true, 0.5, 80),
      ('ENVIRONMENT', 'Street lighting and environment', false, 0, 90),
      ('YOUTH', 'Youth issues', false, 0, 100),
      ('OTHER', 'Other', false, 0, 1000)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS "problems_title_trgm"');
    await queryRunner.query('DROP INDEX IF EXISTS "problems_search_gin"');
    await queryRunner.query('DROP INDEX IF EXISTS "problems_public_location_gist"');
    await queryRunner.query('DROP INDEX IF EXISTS "problems_location_gist"');
    await queryRunner.query('DROP INDEX IF EXISTS "areas_boundary_gist"');
    await queryRunner.query("ALTER TABLE \"problem_events\" DROP CONSTRAINT \"FK_3daf18b2af14f38fc25e59c7e2a\"");
    await queryRunner.query("ALTER TABLE \"problem_events\" DROP CONSTRAINT \"FK_77930bc90982493522026f893ec\"");
    await queryRunner.query("ALTER TABLE \"problem_analyses\" DROP CONSTRAINT \"FK_e94fa50233de9ec5ca815025f5d\"");
    await queryRunner.query("ALTER TABLE \"problem_analyses\" DROP CONSTRAINT \"FK_621f3b14f3d615f0b52627b4686\"");
    await queryRunner.query("ALTER TABLE \"problem_supports\" DROP CONSTRAINT \"FK_b472924c5129c4cf6342b97ad75\"");
    await queryRunner.query("ALTER TABLE \"problem_supports\" DROP CONSTRAINT \"FK_34baf737c43032e36128017c61e\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP CONSTRAINT \"FK_931ef810ee551a1104b1e904004\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP CONSTRAINT \"FK_a86629168514816ae334d4e50e1\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP CONSTRAINT \"FK_d0ffb2753c205534c1c45e55ac8\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP CONSTRAINT \"FK_7d5323629e9f333d02d85fb033a\"");
    await queryRunner.query("ALTER TABLE \"area_officers\" DROP CONSTRAINT \"FK_3db7e69401b4f9d3871685697ff\"");
    await queryRunner.query("ALTER TABLE \"area_officers\" DROP CONSTRAINT \"FK_23bc5d41171a29001c9dc8427a4\"");
    await queryRunner.query("ALTER TABLE \"area_officers\" DROP CONSTRAINT \"FK_57fba00addea039cc7eb2296118\"");
    await queryRunner.query("ALTER TABLE \"areas\" DROP CONSTRAINT \"FK_de4842ffadb0d1665dc78a1c3e5\"");
    await queryRunner.query("DROP INDEX \"public\".\"problem_events_problem_idx\"");
    await queryRunner.query("DROP TABLE \"problem_events\"");
    await queryRunner.query("DROP TABLE \"problem_analyses\"");
    await queryRunner.query("DROP INDEX \"public\".\"problem_supports_user_idx\"");
    await queryRunner.query("DROP TABLE \"problem_supports\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_newest_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_supported_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_priority_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_area_status_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_status_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_reporter_idx\"");
    await queryRunner.query("DROP TABLE \"problems\"");
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = 'GENERATED_COLUMN' AND \"name\" = 'search_vector' AND \"database\" = current_database() AND \"schema\" = 'public' AND \"table\" = 'problems'");
    await queryRunner.query("DELETE FROM \"typeorm_metadata\" WHERE \"type\" = 'GENERATED_COLUMN' AND \"name\" = 'priority' AND \"database\" = current_database() AND \"schema\" = 'public' AND \"table\" = 'problems'");
    await queryRunner.query("DROP TYPE \"public\".\"problem_status\"");
    await queryRunner.query("DROP TABLE \"categories\"");
    await queryRunner.query("DROP INDEX \"public\".\"area_officers_user_idx\"");
    await queryRunner.query("DROP TABLE \"area_officers\"");
    await queryRunner.query("DROP TABLE \"areas\"");
  }
}
