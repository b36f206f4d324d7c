import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { ConnectionShape, perRequest } from '@common-ground/shared/graphql';
import { OrganisationEntity, OrganisationService } from '@common-ground/identity';
import { CommentEntity } from './comment.entity';
import { CommentService, CommentTarget } from './comment.service';
import { ModerationTarget } from './moderation.entity';
import { ModerationService } from './moderation.service';
import { SolutionCapacityNeedEntity, SolutionEntity } from './solution.entity';
import { SolutionService } from './solution.service';
import { SolutionOrder } from './solutions.args';
import { VoteService } from './vote.service';

function byKey<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K) {
  return async (keys: readonly K[]): Promise<(V | null)[]> => {
    const found = new Map((await load(keys)).map((value) => [keyOf(value), value]));
    return keys.map((key) => found.get(key) ?? null);
  };
}

function grouped<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K) {
  return async (keys: readonly K[]): Promise<V[][]> => {
    const groups = new Map<K, V[]>();
    for (const value of await load(keys)) {
      const key = keyOf(value);
      groups.set(key, [...(groups.get(key) ?? []), value]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  };
}

/**
 * Per-request DataLoaders of the solutions lib: a page of problems with their top solutions, vote
 * counts, proposers, viewer votes and moderation state costs one statement per kind of thing,
 * whatever the page size. First pages of lists are batched only with lists of the same order and
 * size (one loader per (order, first)).
 */
@Injectable()
export class SolutionsLoader {
  constructor(
    private readonly solutions: SolutionService,
    private readonly votes: VoteService,
    private readonly comments: CommentService,
    private readonly moderation: ModerationService,
    private readonly organisations: OrganisationService,
  ) {}

  solution(request: object): DataLoader<string, SolutionEntity | null> {
    return perRequest(request, 'solutions-by-id', () => new DataLoader(byKey((ids) => this.solutions.findByIds(ids), (s) => s.id)));
  }

  /** The first page of each problem's solutions; one statement for every problem on the page. */
  firstSolutions(request: object, order: SolutionOrder, first: number): DataLoader<string, ConnectionShape<SolutionEntity>> {
    return perRequest(request, `solutions-first:${order}:${first}`, () =>
      new DataLoader((problemIds: readonly string[]) =>
        this.solutions.firstPages(problemIds, order, first, (problemId) => this.solutionCount(request).load(problemId)),
      ),
    );
  }

  solutionCount(request: object): DataLoader<string, number> {
    return perRequest(request, 'solution-counts', () => new DataLoader(async (problemIds: readonly string[]) => {
      const counts = await this.solutions.countByProblem(problemIds);
      return problemIds.map((id) => counts.get(id) ?? 0);
    }));
  }

  capacityNeeds(request: object): DataLoader<string, SolutionCapacityNeedEntity[]> {
    return perRequest(request, 'solution-capacity-needs', () =>
      new DataLoader(grouped((ids) => this.solutions.capacityNeedsOf(ids), (need) => need.solutionId)),
    );
  }

  /** The given user's vote (+1/-1) on each solution, or null. */
  voteOf(request: object, userId: string): DataLoader<string, 1 | -1 | null> {
    return perRequest(request, `solution-votes-of:${userId}`, () => new DataLoader(async (solutionIds: readonly string[]) => {
      const votes = await this.votes.votesOf(userId, solutionIds);
      return solutionIds.map((id) => votes.get(id) ?? null);
    }));
  }

  organisation(request: object): DataLoader<string, OrganisationEntity | null> {
    return perRequest(request, 'organisations-by-id', () => new DataLoader(byKey((ids) => this.organisations.findByIds(ids), (o) => o.id)));
  }

  comment(request: object): DataLoader<string, CommentEntity | null> {
    return perRequest(request, 'comments-by-id', () => new DataLoader(byKey((ids) => this.comments.findByIds(ids), (c) => c.id)));
  }

  /** The first page of each target's comments; one statement for every target on the page. */
  firstComments(request: object, target: CommentTarget, first: number): DataLoader<string, ConnectionShape<CommentEntity>> {
    return perRequest(request, `comments-first:${target}:${first}`, () =>
      new DataLoader((targetIds: readonly string[]) =>
        this.comments.firstPages(target, targetIds, first, (targetId) => this.commentCount(request, target).load(targetId)),
      ),
    );
  }

  commentCount(request: object, target: CommentTarget): DataLoader<string, number> {
    return perRequest(request, `comment-counts:${target}`, () => new DataLoader(async (targetIds: readonly string[]) => {
      const counts = await this.comments.countBy(target, targetIds);
      return targetIds.map((id) => counts.get(id) ?? 0);
    }));
  }

  /** Whether each item of this type is hidden by moderation. */
  hidden(request: object, type: ModerationTarget): DataLoader<string, boolean> {
    return perRequest(request, `moderation-hidden:${type}`, () => new DataLoader(async (ids: readonly string[]) => {
      const hidden = await this.moderation.hidden(type, ids);
      return ids.map((id) => hidden.has(id));
    }));
  }
}
