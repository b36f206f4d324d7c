import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AuthenticatedUser } from '@common-ground/shared/auth';
import { byKey, clearLoaded, grouped, perRequest } from '@common-ground/shared/graphql';
import { OrganisationEntity, OrganisationKind, OrganisationService } from '@common-ground/identity';
import { ActionEntity, ActionUpdateEntity } from './action.entity';
import { ActionService } from './action.service';
import { ActionViewer, PUBLIC_VIEWER } from './action-visibility';
import { AssessmentEntity, OutcomeRatingEntity } from './assessment.entity';
import { AssessmentService } from './assessment.service';
import { OutcomeRatingService, RatingComment, RatingCounts } from './outcome-rating.service';

/** Per-request DataLoaders of the actions lib: one query per kind of thing on a page. */
@Injectable()
export class ActionsLoader {
  constructor(
    private readonly actions: ActionService,
    private readonly assessments: AssessmentService,
    private readonly ratings: OutcomeRatingService,
    private readonly organisations: OrganisationService,
  ) {}

  /** The viewer as the visibility rules see them (their organisations read once per request). */
  viewer(request: object, user?: AuthenticatedUser): Promise<ActionViewer> {
    if (!user) return Promise.resolve(PUBLIC_VIEWER);
    return perRequest(request, `action-viewer:${user.id}`, async () => {
      const memberships = await this.organisations.membershipsOf(user.id);
      return {
        id: user.id,
        roles: user.roles,
        organisationIds: new Set(memberships.map((m) => m.organisationId)),
        partnerAgency: memberships.some((m) => m.kind === OrganisationKind.PARTNER_AGENCY),
      };
    });
  }

  action(request: object): DataLoader<string, ActionEntity | null> {
    return perRequest(
      request,
      'actions-by-id',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.actions.findByIds(ids),
            (a) => a.id,
          ),
        ),
    );
  }

  /** After a write: the changed action is read again if asked for later in the request. */
  clearAction(request: object, actionId: string): void {
    clearLoaded(request, 'actions-by-id', actionId);
    clearLoaded(request, 'action-updates-by-action', actionId);
  }

  ofProblem(request: object): DataLoader<string, ActionEntity[]> {
    return perRequest(
      request,
      'actions-by-problem',
      () =>
        new DataLoader(
          grouped(
            (ids) => this.actions.ofProblems(ids),
            (a) => a.problemId,
          ),
        ),
    );
  }

  updates(request: object): DataLoader<string, ActionUpdateEntity[]> {
    return perRequest(
      request,
      'action-updates-by-action',
      () =>
        new DataLoader(
          grouped(
            (ids) => this.actions.updatesOf(ids),
            (u) => u.actionId,
          ),
        ),
    );
  }

  organisation(request: object): DataLoader<string, OrganisationEntity | null> {
    return perRequest(
      request,
      'action-organisations',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.organisations.findByIds(ids),
            (o) => o.id,
          ),
        ),
    );
  }

  assessment(request: object): DataLoader<string, AssessmentEntity | null> {
    return perRequest(
      request,
      'assessment-by-problem',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.assessments.latestOf(ids),
            (a) => a.problemId,
          ),
        ),
    );
  }

  ratingCounts(request: object): DataLoader<string, RatingCounts> {
    return perRequest(
      request,
      'rating-counts',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const counts = await this.ratings.countsOf(ids);
          return ids.map((id) => counts.get(id) as RatingCounts);
        }),
    );
  }

  ratingComments(request: object): DataLoader<string, RatingComment[]> {
    return perRequest(
      request,
      'rating-comments',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const comments = await this.ratings.commentsOf(ids);
          return ids.map((id) => comments.get(id) ?? []);
        }),
    );
  }

  viewerRating(request: object, userId: string): DataLoader<string, OutcomeRatingEntity | null> {
    return perRequest(
      request,
      `viewer-rating:${userId}`,
      () =>
        new DataLoader(
          byKey(
            (ids) => this.ratings.ofUser(userId, ids),
            (r) => r.problemId,
          ),
        ),
    );
  }

  clearRatings(request: object, problemId: string, userId: string): void {
    clearLoaded(request, 'rating-counts', problemId);
    clearLoaded(request, 'rating-comments', problemId);
    clearLoaded(request, `viewer-rating:${userId}`, problemId);
  }
}
