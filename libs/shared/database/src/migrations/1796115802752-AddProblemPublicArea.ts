import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * problems.public_area_id: the area of the public point, which the public sees and filters by,
 * so that an area border through a sensitive problem's ~200 m cell does not tell which side the
 * exact point is on. Edited by hand: filled from the existing rows (the exact area for
 * non-sensitive categories, the smallest area holding the public point for sensitive ones).
 */
export class AddProblemPublicArea1796115802752 implements MigrationInterface {
  name = 'AddProblemPublicArea1796115802752';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"problems\" ADD \"public_area_id\" uuid");
    await queryRunner.query(
      `UPDATE problems p SET public_area_id = CASE WHEN c.sensitive THEN (
         SELECT a.id FROM areas a WHERE a.boundary @> point(p.public_lng, p.public_lat)
          ORDER BY area(path(a.boundary)) ASC, a.id ASC LIMIT 1) ELSE p.area_id END
         FROM categories c WHERE c.code = p.category_code`,
    );
    await queryRunner.query("CREATE INDEX \"problems_public_area_status_idx\" ON \"problems\"  (\"public_area_id\", \"status\") ");
    await queryRunner.query("ALTER TABLE \"problems\" ADD CONSTRAINT \"FK_631697d0847f7eca3bfee967cb5\" FOREIGN KEY (\"public_area_id\") REFERENCES \"areas\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"problems\" DROP CONSTRAINT \"FK_631697d0847f7eca3bfee967cb5\"");
    await queryRunner.query("DROP INDEX \"public\".\"problems_public_area_status_idx\"");
    await queryRunner.query("ALTER TABLE \"problems\" DROP COLUMN \"public_area_id\"");
  }
}
