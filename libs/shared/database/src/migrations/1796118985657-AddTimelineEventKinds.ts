import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline's kinds become rows that `problem_events.kind` references, one per kind, each
 * with the lib that writes it; a lib that adds kinds adds its rows in its own migration. Only
 * the kinds something writes are listed: PLEDGE_MADE, ACTION_CREATED, ACTION_UPDATED, ASSESSED
 * and AREA_ASSIGNED had no writer (their libs do not exist yet) and are gone from the API. The
 * foreign key would fail on a row of another kind; the check before it says which.
 */
export class AddTimelineEventKinds1796118985657 implements MigrationInterface {
  name = 'AddTimelineEventKinds1796118985657';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"timeline_event_kinds\" (\"kind\" text NOT NULL, \"lib\" text NOT NULL, CONSTRAINT \"PK_5ad89c4272a140053e390155554\" PRIMARY KEY (\"kind\"))");
    await queryRunner.query(`
      INSERT INTO timeline_event_kinds (kind, lib) VALUES
        ('REPORTED', 'problems'), ('STATUS_CHANGED', 'problems'), ('ANALYSIS_RECORDED', 'problems'),
        ('MARKED_DUPLICATE', 'problems'), ('DUPLICATE_MERGED', 'problems'),
        ('SOLUTION_PROPOSED', 'solutions'), ('SOLUTION_STATUS_CHANGED', 'solutions'), ('SOLUTION_ADOPTED', 'solutions'),
        ('OFFICIAL_RESPONSE', 'solutions')`);
    const unknown: { kind: string; count: number }[] = await queryRunner.query(
      'SELECT kind, count(*)::int AS count FROM problem_events WHERE kind NOT IN (SELECT kind FROM timeline_event_kinds) GROUP BY kind ORDER BY kind',
    );
    if (unknown.length) {
      throw new Error(`problem_events has rows of kinds no lib writes: ${unknown.map((u) => `${u.kind} (${u.count})`).join(', ')}`);
    }
    await queryRunner.query("ALTER TABLE \"problem_events\" ADD CONSTRAINT \"FK_3bd79af9418384f59a7c507c9b1\" FOREIGN KEY (\"kind\") REFERENCES \"timeline_event_kinds\"(\"kind\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"problem_events\" DROP CONSTRAINT \"FK_3bd79af9418384f59a7c507c9b1\"");
    await queryRunner.query("DROP TABLE \"timeline_event_kinds\"");
  }
}
