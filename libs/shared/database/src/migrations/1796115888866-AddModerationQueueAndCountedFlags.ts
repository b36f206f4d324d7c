import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The moderation queue (pending items, most flagged first, and each item's flags newest first)
 * and flags that queue an item without counting toward hiding it (from new accounts).
 * Edited by hand: existing pending flags all counted under the earlier rules, and an item's
 * last flag time comes from its flags.
 */
export class AddModerationQueueAndCountedFlags1796115888866 implements MigrationInterface {
  name = 'AddModerationQueueAndCountedFlags1796115888866';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"content_flags\" ADD \"new_account\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"moderation_states\" ADD \"counted_flags\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"moderation_states\" ADD \"last_flagged_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()");
    await queryRunner.query('UPDATE moderation_states SET counted_flags = pending_flags');
    await queryRunner.query(
      'UPDATE moderation_states m SET last_flagged_at = f.at FROM (SELECT target_type, target_id, max(created_at) AS at FROM content_flags GROUP BY 1, 2) f WHERE f.target_type = m.target_type AND f.target_id = m.target_id',
    );
    await queryRunner.query("CREATE INDEX \"content_flags_target_idx\" ON \"content_flags\"  (\"target_type\", \"target_id\", \"created_at\", \"user_id\") ");
    await queryRunner.query("CREATE INDEX \"moderation_states_queue_idx\" ON \"moderation_states\"  (\"pending_flags\", \"last_flagged_at\", \"target_type\", \"target_id\") WHERE pending_flags > 0");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"moderation_states_queue_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"content_flags_target_idx\"");
    await queryRunner.query("ALTER TABLE \"moderation_states\" DROP COLUMN \"last_flagged_at\"");
    await queryRunner.query("ALTER TABLE \"moderation_states\" DROP COLUMN \"counted_flags\"");
    await queryRunner.query("ALTER TABLE \"content_flags\" DROP COLUMN \"new_account\"");
  }
}
