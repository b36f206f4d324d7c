import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { anyOf, inTransaction, isUniqueViolation } from '@common-ground/shared/database';
import { BadUserInputError, NotFoundError } from '@common-ground/shared/graphql';
import { AreaService } from './area.service';
import { CategoryEntity } from './category.entity';
import { CreateCategory, UpdateCategory } from './category.commands';
import { coarsen } from './geo';

@Injectable()
export class CategoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CategoryEntity) private readonly categories: Repository<CategoryEntity>,
    private readonly areas: AreaService,
  ) {}

  list(): Promise<CategoryEntity[]> {
    return this.categories.find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  findByCodes(codes: readonly string[]): Promise<CategoryEntity[]> {
    return codes.length ? this.categories.findBy({ code: anyOf(codes) }) : Promise.resolve([]);
  }

  async create(input: CreateCategory): Promise<CategoryEntity> {
    try {
      await this.categories.insert(
        this.categories.create({
          code: input.code,
          name: input.name,
          sensitive: input.sensitive,
          priorityWeight: input.priorityWeight,
          sortOrder: input.sortOrder,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw BadUserInputError.field('code', 'is already used');
      throw error;
    }
    return this.categories.findOneByOrFail({ code: input.code });
  }

  /**
   * Updates a category. Turning `sensitive` on or off re-derives the public location of its
   * problems, and the public area with it, in the same transaction, so neither the exact point
   * nor the side of an area border it lies on is shown once it is sensitive.
   */
  async update(input: UpdateCategory): Promise<CategoryEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const category = await manager.findOne(CategoryEntity, { where: { code: input.code }, lock: { mode: 'pessimistic_write' } });
      if (!category) throw new NotFoundError('Category', input.code);
      const sensitivityChanged = input.sensitive !== undefined && input.sensitive !== category.sensitive;
      Object.assign(category, {
        name: input.name ?? category.name,
        sensitive: input.sensitive ?? category.sensitive,
        priorityWeight: input.priorityWeight ?? category.priorityWeight,
        sortOrder: input.sortOrder ?? category.sortOrder,
      });
      await manager.save(category);
      if (sensitivityChanged) {
        // Locked by id before the update (the lock order in shared/database), not in scan order.
        const rows: { id: string; lat: number; lng: number }[] = await manager.query(
          'SELECT id, lat, lng FROM problems WHERE category_code = $1 ORDER BY id FOR NO KEY UPDATE',
          [category.code],
        );
        const shown = rows.map((row) => (category.sensitive ? coarsen(row) : { lat: row.lat, lng: row.lng }));
        await manager.query(
          `UPDATE problems p SET public_lat = v.lat, public_lng = v.lng, public_earth = ll_to_earth(v.lat, v.lng)
             FROM unnest($1::uuid[], $2::float8[], $3::float8[]) AS v(id, lat, lng) WHERE p.id = v.id`,
          [rows.map((r) => r.id), shown.map((s) => s.lat), shown.map((s) => s.lng)],
        );
        await this.areas.refreshPublicAreas(manager, category.code, category.sensitive);
      }
      return category;
    });
  }
}
