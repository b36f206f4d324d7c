import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only, written by hand: merges made concurrently (or one after the other: A into B, then
 * B into C) could leave a duplicate pointing at another duplicate. Each duplicate now points at
 * the end of its chain, the open problem its supports went to. Running it again changes nothing.
 */
export class FlattenDuplicateChains1796116075087 implements MigrationInterface {
  name = 'FlattenDuplicateChains1796116075087';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH RECURSIVE chain (id, target, depth) AS (
        SELECT id, duplicate_of_id, 1 FROM problems WHERE status = 'DUPLICATE' AND duplicate_of_id IS NOT NULL
        UNION ALL
        SELECT chain.id, next.duplicate_of_id, chain.depth + 1
          FROM chain JOIN problems next ON next.id = chain.target
         WHERE next.status = 'DUPLICATE' AND next.duplicate_of_id IS NOT NULL AND chain.depth < 1000
      )
      UPDATE problems p SET duplicate_of_id = root.target
        FROM (SELECT DISTINCT ON (id) id, target FROM chain ORDER BY id, depth DESC) root
       WHERE p.id = root.id AND p.duplicate_of_id <> root.target`);
  }

  async down(): Promise<void> {
    // Which duplicate pointed at which before is not kept: there is nothing to restore.
  }
}
