import { AuthenticatedUser, hasAnyRole, OFFICER_ROLES } from '@common-ground/shared/auth';
import { ProblemTimelineKind } from './problems.events';

/**
 * Who may see what of a problem: every path that shows a reporter, an actor, a place or an
 * analysis asks here, so each rule has one home.
 *
 * - Anonymity hides who *reported* the problem (the `reporter` field and the actor of its
 *   REPORTED event) from everyone but the reporter, and nothing else: every other act shows its
 *   actor exactly as on any other problem, so no answer differs by who reported.
 * - Places: officers and the reporter see the exact point, its address and its area; everyone
 *   else the public point (coarsened for sensitive categories) and the area of that point.
 * - The analysis (offender, victim, place…) of a sensitive or anonymous problem is for officers
 *   and the reporter only.
 */

/** What the rules read of a problem. */
export interface ProblemVisibilityFacts {
  anonymous: boolean;
  reporterId: string;
}

/** Whether the viewer reads places by the exact points: officers, who route by them. */
export function readsExactPlaces(viewer?: AuthenticatedUser): boolean {
  return hasAnyRole(viewer, OFFICER_ROLES);
}

function isReporter(problem: Pick<ProblemVisibilityFacts, 'reporterId'>, viewer?: AuthenticatedUser): boolean {
  return !!viewer && viewer.id === problem.reporterId;
}

/** Whether the viewer may learn who reported the problem. Anonymous: only the reporter. */
export function seesReporter(problem: ProblemVisibilityFacts, viewer?: AuthenticatedUser): boolean {
  return !problem.anonymous || isReporter(problem, viewer);
}

/**
 * Whether the viewer may see the actor of a timeline event. Only the REPORTED event's actor (the
 * reporter) is ever withheld, and only as the reporter field is; who did anything else is shown
 * whoever did it, so a missing actor never marks the reporter's other acts. The problem is read
 * only for a REPORTED event.
 */
export async function seesEventActor(kind: string, problem: () => Promise<ProblemVisibilityFacts | null>, viewer?: AuthenticatedUser): Promise<boolean> {
  if (kind !== ProblemTimelineKind.REPORTED) return true;
  const facts = await problem();
  return !!facts && seesReporter(facts, viewer);
}

/** Who may see a problem's exact place, address and the area of its exact point: officers, and its reporter. */
export function seesExactPlace(problem: Pick<ProblemVisibilityFacts, 'reporterId'>, viewer?: AuthenticatedUser): boolean {
  return readsExactPlaces(viewer) || isReporter(problem, viewer);
}

/** The point the viewer sees. */
export function visiblePoint(
  problem: Pick<ProblemVisibilityFacts, 'reporterId'> & { lat: number; lng: number; publicLat: number; publicLng: number },
  viewer?: AuthenticatedUser,
): { lat: number; lng: number } {
  return seesExactPlace(problem, viewer) ? { lat: problem.lat, lng: problem.lng } : { lat: problem.publicLat, lng: problem.publicLng };
}

/**
 * The address the viewer sees: none for a sensitive category, except to officers and the
 * reporter. `sensitive` is asked only when it matters.
 */
export async function visibleAddress(
  problem: Pick<ProblemVisibilityFacts, 'reporterId'> & { address: string | null },
  sensitive: () => Promise<boolean>,
  viewer?: AuthenticatedUser,
): Promise<string | null> {
  if (problem.address === null || seesExactPlace(problem, viewer)) return problem.address;
  return (await sensitive()) ? null : problem.address;
}

/**
 * The area the viewer sees the problem in: the area of the exact point for officers and the
 * reporter, the area of the public point for everyone else (the same one unless the category is
 * sensitive and an area border runs through the point's cell).
 */
export function visibleAreaId(
  problem: Pick<ProblemVisibilityFacts, 'reporterId'> & { areaId: string | null; publicAreaId: string | null },
  viewer?: AuthenticatedUser,
): string | null {
  return seesExactPlace(problem, viewer) ? problem.areaId : problem.publicAreaId;
}

/**
 * The SQL condition "the viewer sees this problem (alias `p`) in the area `areaParam`", matching
 * visibleAreaId: officers by the exact area; everyone else by the public one, except their own
 * reports, which they see by the exact one. Each branch can use an index on (area, status).
 * `viewerParam` gives the placeholder of the viewer's id, asked only when it is needed.
 */
export function visibleAreaCondition(viewer: AuthenticatedUser | undefined, areaParam: string, viewerParam: () => string): string {
  if (readsExactPlaces(viewer)) return `p.area_id = ${areaParam}`;
  if (!viewer) return `p.public_area_id = ${areaParam}`;
  const viewerId = viewerParam();
  return `((p.public_area_id = ${areaParam} AND p.reporter_id <> ${viewerId}) OR (p.area_id = ${areaParam} AND p.reporter_id = ${viewerId}))`;
}

/**
 * Whether the viewer may read the analysis (offender, victim, place…): for a sensitive or
 * anonymous problem, officers and the reporter only. `sensitive` is asked only when it matters.
 */
export async function seesAnalysis(problem: ProblemVisibilityFacts, sensitive: () => Promise<boolean>, viewer?: AuthenticatedUser): Promise<boolean> {
  if (readsExactPlaces(viewer) || isReporter(problem, viewer)) return true;
  return !problem.anonymous && !(await sensitive());
}
