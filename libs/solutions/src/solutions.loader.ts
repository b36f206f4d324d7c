import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, clearLoaded, connection, ConnectionShape, grouped, Page, perRequest } from '@common-ground/shared/graphql';
import { OrganisationEntity, OrganisationService } from '@common-ground/identity';
import { CommentEntity } from './comment.entity';
import { CommentService, CommentTarget } from './comment.service';
import { SolutionCapacityNeedEntity, SolutionEntity } from './solution.entity';
import { SolutionService } from './solution.service';
import { VoteService } from './vote.service';
import { SolutionOrder } from './ranking';

const voteKey = (userId: string): string => `solution-votes-of:${userId}`;

/**
 * Per-request DataLoaders of the solutions lib: a page of problems with their top solutions, vote
 * counts, proposers and viewer votes costs one statement per kind of thing,
 * whatever the page size. First pages of lists are batched only with lists of the same order and
 * size (one loader per (order, first)).
 */
@Injectable()
export class SolutionsLoader {
  constructor(
    private readonly solutions: SolutionService,
    private readonly votes: VoteService,
    private readonly comments: CommentService,
    private readonly organisations: OrganisationService,
  ) {}

  solution(request: object): DataLoader<string, SolutionEntity | null> {
    return perRequest(
      request,
      'solutions-by-id',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.solutions.findByIds(ids),
            (s) => s.id,
          ),
        ),
    );
  }

  /** The first page of each problem's solutions; one statement for every problem on the page. */
  firstSolutions(request: object, order: SolutionOrder, first: number): DataLoader<string, Page<SolutionEntity>> {
    return perRequest(
      request,
      `solutions-first:${order}:${first}`,
      () => new DataLoader((problemIds: readonly string[]) => this.solutions.firstPages(problemIds, order, first)),
    );
  }

  capacityNeeds(request: object): DataLoader<string, SolutionCapacityNeedEntity[]> {
    return perRequest(
      request,
      'solution-capacity-needs',
      () =>
        new DataLoader(
          grouped(
            (ids) => this.solutions.capacityNeedsOf(ids),
            (need) => need.solutionId,
          ),
        ),
    );
  }

  /** The given user's vote (+1/-1) on each solution, or null. */
  voteOf(request: object, userId: string): DataLoader<string, 1 | -1 | null> {
    return perRequest(
      request,
      voteKey(userId),
      () =>
        new DataLoader(async (solutionIds: readonly string[]) => {
          const votes = await this.votes.votesOf(userId, solutionIds);
          return solutionIds.map((id) => votes.get(id) ?? null);
        }),
    );
  }

  /** After the user's vote on the solution changed in this request. */
  clearVote(request: object, userId: string, solutionId: string): void {
    clearLoaded(request, voteKey(userId), solutionId);
  }

  organisation(request: object): DataLoader<string, OrganisationEntity | null> {
    return perRequest(
      request,
      'organisations-by-id',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.organisations.findByIds(ids),
            (o) => o.id,
          ),
        ),
    );
  }

  comment(request: object): DataLoader<string, CommentEntity | null> {
    return perRequest(
      request,
      'comments-by-id',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.comments.findByIds(ids),
            (c) => c.id,
          ),
        ),
    );
  }

  /** The first page of each target's comments; one statement for every target on the page. */
  firstComments(request: object, target: CommentTarget, first: number): DataLoader<string, ConnectionShape<CommentEntity>> {
    return perRequest(
      request,
      `comments-first:${target}:${first}`,
      () =>
        new DataLoader(async (targetIds: readonly string[]) =>
          (await this.comments.firstPages(target, targetIds, first)).map((page, i) =>
            connection(page.edges, page.pageInfo, () => this.commentCount(request, target).load(targetIds[i])),
          ),
        ),
    );
  }

  commentCount(request: object, target: CommentTarget): DataLoader<string, number> {
    return perRequest(
      request,
      `comment-counts:${target}`,
      () =>
        new DataLoader(async (targetIds: readonly string[]) => {
          const counts = await this.comments.countBy(target, targetIds);
          return targetIds.map((id) => counts.get(id) ?? 0);
        }),
    );
  }
}
