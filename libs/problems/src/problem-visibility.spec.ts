import { AuthenticatedUser, Role } from '@common-ground/shared/auth';
import {
  visibleAreaCondition,
  seesAnalysis,
  seesEventActor,
  seesExactPlace,
  seesReporter,
  visibleAddress,
  visibleAreaId,
  visiblePoint,
} from './problem-visibility';
import { TimelineEventKind } from './timeline-event-kind';

const user = (id: string, ...roles: Role[]): AuthenticatedUser => ({ id, displayName: id, roles: [Role.RESIDENT, ...roles] });
const reporter = user('reporter');
const resident = user('resident');
const officer = user('officer', Role.OFFICER);
const moderator = user('moderator', Role.MODERATOR);
const admin = user('admin', Role.ADMIN);
const anonymous = { anonymous: true, reporterId: reporter.id };
const open = { anonymous: false, reporterId: reporter.id };
const never = () => Promise.reject(new Error('not asked'));

describe('problem visibility', () => {
  it('names the reporter of an anonymous problem to the reporter only', () => {
    expect(seesReporter(anonymous, reporter)).toBe(true);
    for (const viewer of [undefined, resident, officer, moderator, admin]) expect(seesReporter(anonymous, viewer)).toBe(false);
    for (const viewer of [undefined, resident, officer, reporter]) expect(seesReporter(open, viewer)).toBe(true);
  });

  it('withholds the actor of the REPORTED event only, and reads the problem only for it', async () => {
    for (const kind of Object.values(TimelineEventKind).filter((k) => k !== TimelineEventKind.REPORTED)) {
      for (const viewer of [undefined, resident, officer]) expect(await seesEventActor(kind, never, viewer)).toBe(true);
    }
    expect(await seesEventActor(TimelineEventKind.REPORTED, async () => anonymous, resident)).toBe(false);
    expect(await seesEventActor(TimelineEventKind.REPORTED, async () => anonymous, officer)).toBe(false);
    expect(await seesEventActor(TimelineEventKind.REPORTED, async () => anonymous, reporter)).toBe(true);
    expect(await seesEventActor(TimelineEventKind.REPORTED, async () => open, undefined)).toBe(true);
    expect(await seesEventActor(TimelineEventKind.REPORTED, async () => null, undefined)).toBe(false);
  });

  it('shows the exact place, address and area to officers and the reporter only', async () => {
    const problem = { ...open, lat: 1, lng: 2, publicLat: 3, publicLng: 4, address: '7 Border Street', areaId: 'east', publicAreaId: 'west' };
    for (const viewer of [officer, admin, reporter]) {
      expect(seesExactPlace(problem, viewer)).toBe(true);
      expect(visiblePoint(problem, viewer)).toEqual({ lat: 1, lng: 2 });
      expect(visibleAreaId(problem, viewer)).toBe('east');
      expect(await visibleAddress(problem, never, viewer)).toBe('7 Border Street');
    }
    for (const viewer of [undefined, resident, moderator]) {
      expect(visiblePoint(problem, viewer)).toEqual({ lat: 3, lng: 4 });
      expect(visibleAreaId(problem, viewer)).toBe('west');
      expect(await visibleAddress(problem, async () => true, viewer)).toBeNull();
      expect(await visibleAddress(problem, async () => false, viewer)).toBe('7 Border Street');
    }
  });

  it('filters areas by the same rule', () => {
    const viewerParam = jest.fn(() => '$2');
    expect(visibleAreaCondition(officer, '$1', viewerParam)).toBe('p.area_id = $1');
    expect(visibleAreaCondition(undefined, '$1', viewerParam)).toBe('p.public_area_id = $1');
    expect(viewerParam).not.toHaveBeenCalled();
    expect(visibleAreaCondition(resident, '$1', viewerParam)).toBe(
      '((p.public_area_id = $1 AND p.reporter_id <> $2) OR (p.area_id = $1 AND p.reporter_id = $2))',
    );
  });

  it('keeps the analysis of a sensitive or anonymous problem for officers and the reporter', async () => {
    for (const viewer of [officer, admin, reporter]) {
      expect(await seesAnalysis(anonymous, never, viewer)).toBe(true);
      expect(await seesAnalysis(open, never, viewer)).toBe(true);
    }
    for (const viewer of [undefined, resident, moderator]) {
      expect(await seesAnalysis(anonymous, never, viewer)).toBe(false);
      expect(await seesAnalysis(open, async () => true, viewer)).toBe(false);
      expect(await seesAnalysis(open, async () => false, viewer)).toBe(true);
    }
  });
});
