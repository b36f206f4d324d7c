import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { hasAnyRole, OFFICER_ROLES } from '@common-ground/shared/auth';
import { anyOf, newId } from '@common-ground/shared/database';
import { BadUserInputError, NotFoundError } from '@common-ground/shared/graphql';
import { UserEntity } from '@common-ground/identity';
import { AreaEntity, AreaOfficerEntity } from './area.entity';
import { LatLng, ringError, toPgPolygon } from './geo';

/**
 * The id of the area containing a point, as a scalar subquery over the point's SQL expressions
 * (GiST point-in-polygon; the smallest when areas overlap, as `AreaService.containing` chooses):
 * for writes of this lib that place a row in its area within their own statement.
 */
export function areaContainingSql(lng: string, lat: string): string {
  return `(SELECT a.id FROM areas a WHERE a.boundary @> point(${lng}, ${lat}) ORDER BY area(path(a.boundary)) ASC, a.id ASC LIMIT 1)`;
}

@Injectable()
export class AreaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>,
    @InjectRepository(AreaOfficerEntity) private readonly officers: Repository<AreaOfficerEntity>,
  ) {}

  list(): Promise<AreaEntity[]> {
    return this.areas.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<AreaEntity[]> {
    return ids.length ? this.areas.findBy({ id: anyOf(ids) }) : Promise.resolve([]);
  }

  async getById(id: string): Promise<AreaEntity> {
    const area = await this.areas.findOneBy({ id });
    if (!area) throw new NotFoundError('Area', id);
    return area;
  }

  async create(creatorId: string, name: string, boundary: LatLng[]): Promise<AreaEntity> {
    const invalid = ringError(boundary);
    if (invalid) throw BadUserInputError.field('boundary', invalid);
    const area = this.areas.create({ id: newId(), name, boundary: toPgPolygon(boundary), createdById: creatorId });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(AreaEntity, area);
      // Problems already reported inside the new area, and in none, now belong to it: by the
      // exact point for officers, by the public point for the public (the same point unless
      // the category is sensitive).
      await manager.query(`UPDATE problems SET area_id = $1 WHERE area_id IS NULL AND (SELECT boundary FROM areas WHERE id = $1) @> point(lng, lat)`, [
        area.id,
      ]);
      await manager.query(
        `UPDATE problems SET public_area_id = $1
          WHERE public_area_id IS NULL AND (SELECT boundary FROM areas WHERE id = $1) @> point(public_lng, public_lat)`,
        [area.id],
      );
    });
    return this.getById(area.id);
  }

  async assignOfficer(actorId: string, areaId: string, userId: string): Promise<AreaEntity> {
    const area = await this.getById(areaId);
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id: userId });
    if (!user) throw new NotFoundError('User', userId);
    if (!hasAnyRole(user, OFFICER_ROLES)) throw BadUserInputError.field('userId', 'is not an officer');
    await this.officers.createQueryBuilder().insert().values({ areaId, userId, assignedById: actorId }).orIgnore().execute();
    return area;
  }

  /** The areas an officer is assigned to, by name. */
  areasOf(userId: string): Promise<AreaEntity[]> {
    return this.areas
      .createQueryBuilder('a')
      .innerJoin(AreaOfficerEntity, 'ao', 'ao.area_id = a.id AND ao.user_id = :userId', { userId })
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /** User ids of the officers assigned to each area. */
  async officerIds(areaIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = areaIds.length ? await this.officers.find({ where: { areaId: anyOf(areaIds) }, order: { assignedAt: 'ASC', userId: 'ASC' } }) : [];
    const byArea = new Map<string, string[]>(areaIds.map((id) => [id, []]));
    for (const row of rows) byArea.get(row.areaId)?.push(row.userId);
    return byArea;
  }

  /**
   * Re-derives the public area of a category's problems after their public points moved (its
   * sensitivity changed): the area of the public point, which is the area of the exact point
   * when the category is not sensitive.
   */
  async refreshPublicAreas(manager: EntityManager, categoryCode: string, sensitive: boolean): Promise<void> {
    if (!sensitive) {
      await manager.query('UPDATE problems SET public_area_id = area_id WHERE category_code = $1', [categoryCode]);
      return;
    }
    await manager.query(`UPDATE problems p SET public_area_id = ${areaContainingSql('p.public_lng', 'p.public_lat')} WHERE p.category_code = $1`, [
      categoryCode,
    ]);
  }

  /** The area containing a point (GiST point-in-polygon); the smallest when areas overlap. */
  containing(point: LatLng, manager: EntityManager = this.dataSource.manager): Promise<AreaEntity | null> {
    return manager
      .createQueryBuilder(AreaEntity, 'a')
      .where('a.boundary @> point(:lng, :lat)', { lng: point.lng, lat: point.lat })
      .orderBy('area(path(a.boundary))', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(1)
      .getOne();
  }
}
