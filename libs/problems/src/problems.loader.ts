import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, perRequest } from '@common-ground/shared/graphql';
import { UserEntity, UsersLoader } from '@common-ground/identity';
import { AreaEntity } from './area.entity';
import { AreaService } from './area.service';
import { CategoryEntity } from './category.entity';
import { CategoryService } from './category.service';
import { ProblemAnalysisEntity, ProblemEntity } from './problem.entity';
import { ProblemService } from './problem.service';

/** Per-request DataLoaders of the problems lib: one query per kind of thing on a page. */
@Injectable()
export class ProblemsLoader {
  constructor(
    private readonly problems: ProblemService,
    private readonly categories: CategoryService,
    private readonly areas: AreaService,
    private readonly users: UsersLoader,
  ) {}

  /** The officers assigned to an area, batched across the areas of a request. */
  async areaOfficers(request: object, areaId: string): Promise<UserEntity[]> {
    const ids = await this.areaOfficerIds(request).load(areaId);
    const users = await this.users.forRequest(request).loadMany(ids);
    return users.flatMap((user) => (user && !(user instanceof Error) ? [user] : []));
  }

  problem(request: object): DataLoader<string, ProblemEntity | null> {
    return perRequest(
      request,
      'problems-by-id',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.problems.findByIds(ids),
            (p) => p.id,
          ),
        ),
    );
  }

  category(request: object): DataLoader<string, CategoryEntity | null> {
    return perRequest(
      request,
      'categories-by-code',
      () =>
        new DataLoader(
          byKey(
            (codes) => this.categories.findByCodes(codes),
            (c) => c.code,
          ),
        ),
    );
  }

  area(request: object): DataLoader<string, AreaEntity | null> {
    return perRequest(
      request,
      'areas-by-id',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.areas.findByIds(ids),
            (a) => a.id,
          ),
        ),
    );
  }

  analysis(request: object): DataLoader<string, ProblemAnalysisEntity | null> {
    return perRequest(
      request,
      'analyses-by-problem',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.problems.analysesFor(ids),
            (a) => a.problemId,
          ),
        ),
    );
  }

  areaOfficerIds(request: object): DataLoader<string, string[]> {
    return perRequest(
      request,
      'area-officer-ids',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const byArea = await this.areas.officerIds(ids);
          return ids.map((id) => byArea.get(id) ?? []);
        }),
    );
  }

  /** Whether the given user supports each problem. */
  supportedBy(request: object, userId: string): DataLoader<string, boolean> {
    return perRequest(
      request,
      `supported-by:${userId}`,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const supported = await this.problems.supportedBy(userId, ids);
          return ids.map((id) => supported.has(id));
        }),
    );
  }
}
