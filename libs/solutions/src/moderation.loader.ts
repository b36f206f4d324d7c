import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Page, perRequest } from '@common-ground/shared/graphql';
import { ContentFlagEntity } from './moderation.entity';
import { HideRecord, ModerationService, Target, targetKey } from './moderation.service';

/** Per-request DataLoaders of moderation: a page of items costs one statement per kind of thing. */
@Injectable()
export class ModerationLoader {
  constructor(private readonly moderation: ModerationService) {}

  /** Why each hidden item is hidden (its latest HIDE), or null. */
  latestHide(request: object): DataLoader<Target, HideRecord | null, string> {
    return perRequest(
      request,
      'moderation-latest-hide',
      () =>
        new DataLoader(
          async (targets: readonly Target[]) => {
            const found = await this.moderation.latestHides(targets);
            return targets.map((target) => found.get(targetKey(target)) ?? null);
          },
          { cacheKeyFn: targetKey },
        ),
    );
  }

  /** The first page of each item's flags. */
  firstFlags(request: object, first: number): DataLoader<Target, Page<ContentFlagEntity>, string> {
    return perRequest(
      request,
      `moderation-first-flags:${first}`,
      () => new DataLoader((targets: readonly Target[]) => this.moderation.firstFlagPages(targets, first), { cacheKeyFn: targetKey }),
    );
  }
}
