import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * problems.solution_count, and a `hidden` column on each moderated table instead of
 * moderation_states.hidden: both are read with the row, so neither costs a statement.
 * Edited by hand: the new columns are filled from the existing rows before the old column goes.
 */
export class AddCountsAndHiddenColumns1795887726101 implements MigrationInterface {
  name = 'AddCountsAndHiddenColumns1795887726101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"problems\" ADD \"solution_count\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"problems\" ADD \"hidden\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"solutions\" ADD \"hidden\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"comments\" ADD \"hidden\" boolean NOT NULL DEFAULT false");
    await queryRunner.query(
      'UPDATE problems p SET solution_count = s.count FROM (SELECT problem_id, count(*)::int AS count FROM solutions GROUP BY problem_id) s WHERE s.problem_id = p.id',
    );
    for (const [table, type] of [['problems', 'PROBLEM'], ['solutions', 'SOLUTION'], ['comments', 'COMMENT']]) {
      await queryRunner.query(
        `UPDATE ${table} t SET hidden = true FROM moderation_states m WHERE m.target_type = '${type}' AND m.target_id = t.id AND m.hidden`,
      );
    }
    await queryRunner.query("DROP INDEX \"public\".\"moderation_states_hidden_idx\"");
    await queryRunner.query("ALTER TABLE \"moderation_states\" DROP COLUMN \"hidden\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"moderation_states\" ADD \"hidden\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("CREATE INDEX \"moderation_states_hidden_idx\" ON \"moderation_states\" USING btree (\"hidden\", \"target_type\") ");
    for (const [table, type] of [['problems', 'PROBLEM'], ['solutions', 'SOLUTION'], ['comments', 'COMMENT']]) {
      await queryRunner.query(
        `INSERT INTO moderation_states (target_type, target_id, hidden) SELECT '${type}', id, true FROM ${table} WHERE hidden
         ON CONFLICT (target_type, target_id) DO UPDATE SET hidden = true`,
      );
    }
    await queryRunner.query("ALTER TABLE \"comments\" DROP COLUMN \"hidden\"");
    await queryRunner.query("ALTER TABLE \"solutions\" DROP COLUMN \"hidden\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP COLUMN \"hidden\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP COLUMN \"solution_count\"");
  }
}
