import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, Role } from '@common-ground/shared/auth';
import { MembershipRole, OrganisationService, UserEntity, UserService } from '@common-ground/identity';
import {
  AreaService,
  LatLng,
  ProblemLifecycleService,
  ProblemService,
  ProblemStatus,
  TimelineEventKind,
  TimelineService,
} from '@common-ground/problems';

export const DEMO_PASSWORD = 'millbrook demo password';
export const DEMO_DOMAIN = 'millbrook.example';

/** Millbrook, a small made-up town: its centre and three neighbourhoods as boxes around it. */
const CENTRE: LatLng = { lat: 52.9536, lng: -1.1505 };
const box = (south: number, west: number, north: number, east: number): LatLng[] => [
  { lat: south, lng: west },
  { lat: south, lng: east },
  { lat: north, lng: east },
  { lat: north, lng: west },
  { lat: south, lng: west },
];
const AREAS = [
  { name: 'Millbrook Town Centre', boundary: box(52.948, -1.158, 52.958, -1.142) },
  { name: 'Riverside', boundary: box(52.938, -1.158, 52.948, -1.142) },
  { name: 'Hillcrest', boundary: box(52.958, -1.158, 52.968, -1.142) },
];

const PEOPLE: { key: string; name: string; roles: Role[] }[] = [
  { key: 'admin', name: 'Alex Admin', roles: [Role.ADMIN] },
  { key: 'supervisor', name: 'Sgt. Sam Patel', roles: [Role.SUPERVISOR, Role.OFFICER] },
  { key: 'officer.jones', name: 'PC Dana Jones', roles: [Role.OFFICER] },
  { key: 'officer.okafor', name: 'PC Chidi Okafor', roles: [Role.OFFICER] },
  { key: 'moderator', name: 'Morgan Moderator', roles: [Role.MODERATOR] },
  { key: 'rita', name: 'Rita Shah', roles: [] },
  { key: 'tom', name: 'Tom Baker', roles: [] },
  { key: 'amina', name: 'Amina Yusuf', roles: [] },
  { key: 'li', name: 'Li Wei', roles: [] },
  { key: 'gareth', name: 'Gareth Evans', roles: [] },
  { key: 'sofia', name: 'Sofia Rossi', roles: [] },
];

interface DemoProblem {
  title: string;
  description: string;
  category: string;
  at: [number, number]; // metres north, east of the centre
  by: string;
  anonymous?: boolean;
  supporters: string[];
  path: ProblemStatus[];
  note?: string;
  analysis?: Record<string, string>;
}

const S = ProblemStatus;
const PROBLEMS: DemoProblem[] = [
  {
    title: 'Drug dealing behind the library every evening',
    description: 'Two or three people wait in the service yard behind the library from about 6 pm; cars stop briefly.',
    category: 'DRUGS', at: [120, -80], by: 'rita', anonymous: true, supporters: ['tom', 'amina', 'li'],
    path: [S.SCANNING, S.ANALYSIS],
    analysis: {
      offender: 'A small group, not local, using the yard as a meeting point',
      place: 'Unlit service yard with two exits and no CCTV',
      manager: 'Library facilities team (council)',
      hypothesis: 'The yard is dark and unwatched after the library closes at 5.30 pm',
    },
  },
  {
    title: 'Cars racing on Station Road at night',
    description: 'Loud cars race between the roundabout and the bridge most Friday and Saturday nights.',
    category: 'TRAFFIC', at: [-300, 250], by: 'tom', supporters: ['gareth', 'sofia', 'rita', 'li', 'amina'],
    path: [S.SCANNING, S.ANALYSIS, S.RESPONSE],
    analysis: { offender: 'Young drivers meeting at the retail park', place: 'Long straight road with no crossings', hypothesis: 'Nothing slows traffic between 11 pm and 3 am' },
  },
  {
    title: 'Street lights out along the canal towpath',
    description: 'Six lights have been out for weeks between the lock and the footbridge.',
    category: 'ENVIRONMENT', at: [-900, -400], by: 'amina', supporters: ['li'],
    path: [S.SCANNING, S.ANALYSIS, S.RESPONSE, S.ASSESSMENT, S.RESOLVED], note: 'Council replaced the lights; residents report the towpath feels safer',
    analysis: { place: 'Canal towpath, 400 m without light', manager: 'Canal trust and council lighting team', hypothesis: 'People avoid the towpath after dark' },
  },
  {
    title: 'Bikes stolen from the station racks',
    description: 'At least four bikes taken in two weeks, locks cut.',
    category: 'THEFT', at: [-350, 300], by: 'li', supporters: ['sofia'],
    path: [S.SCANNING],
  },
  {
    title: 'Graffiti on the underpass',
    description: 'New tags every week in the Hillcrest Road underpass.',
    category: 'VANDALISM', at: [900, 100], by: 'gareth', supporters: [],
    path: [],
  },
  {
    title: 'Groups of teenagers intimidating shoppers',
    description: 'Outside the Co-op on Market Street in the afternoons.',
    category: 'ANTISOCIAL_BEHAVIOUR', at: [40, 60], by: 'sofia', supporters: ['rita'],
    path: [S.REJECTED], note: 'Referred to the youth service, who run an outreach session there on Thursdays',
  },
  {
    title: 'Assault near the taxi rank',
    description: 'Fights at closing time near the Market Square taxi rank.',
    category: 'VIOLENCE', at: [10, -20], by: 'tom', anonymous: true, supporters: ['gareth'],
    path: [S.SCANNING, S.ANALYSIS, S.RESPONSE, S.ASSESSMENT],
    analysis: { victim: 'People waiting for taxis after midnight', place: 'Taxi rank with one marshal', hypothesis: 'Queues are long and unmanaged at 2 am' },
  },
  {
    title: 'Speeding past Hillcrest primary school',
    description: 'Drivers ignore the 20 mph limit at drop-off time.',
    category: 'TRAFFIC', at: [1000, -200], by: 'amina', supporters: ['rita', 'tom', 'sofia'],
    path: [],
  },
];

/**
 * Loads the Millbrook demo data set once (a town with areas, officers, residents and problems in
 * every status) so a newcomer sees a living platform. Runs only when DEMO_DATA is on: by default
 * with the embedded database, never on a DATABASE_URL unless asked for.
 */
export async function loadDemoData(app: INestApplicationContext): Promise<boolean> {
  const logger = new Logger('DemoData');
  const users = app.get(UserService);
  if (await users.findByEmail(`admin@${DEMO_DOMAIN}`)) return false;
  const dataSource = app.get(DataSource);
  const problems = app.get(ProblemService);
  const areas = app.get(AreaService);
  const timeline = app.get(TimelineService);
  const organisations = app.get(OrganisationService);
  const lifecycle = app.get(ProblemLifecycleService);

  const people = new Map<string, UserEntity>();
  for (const person of PEOPLE) {
    const user = await users.create({ email: `${person.key}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD, displayName: person.name, roles: person.roles });
    people.set(person.key, user);
  }
  const who = (key: string) => people.get(key) as UserEntity;
  const asActor = (key: string): AuthenticatedUser => ({ id: who(key).id, displayName: who(key).displayName, roles: who(key).roles });

  const created = [];
  for (const area of AREAS) created.push(await areas.create(who('admin').id, area.name, area.boundary));
  await areas.assignOfficer(who('supervisor').id, created[0].id, who('officer.jones').id);
  await areas.assignOfficer(who('supervisor').id, created[0].id, who('supervisor').id);
  await areas.assignOfficer(who('supervisor').id, created[1].id, who('officer.okafor').id);
  await areas.assignOfficer(who('supervisor').id, created[2].id, who('officer.okafor').id);

  const association = await organisations.create(who('rita').id, {
    name: 'Millbrook Residents Association',
    description: 'Residents looking after the town centre and Riverside since 1987.',
    website: `https://residents.${DEMO_DOMAIN}`,
  });
  await organisations.addMember(who('rita').id, association.id, who('tom').id, MembershipRole.MEMBER);
  await organisations.create(who('gareth').id, { name: 'Canal Trust Volunteers', description: 'Towpath clean-ups and patrols.', website: null });

  const R = 6_378_168;
  const reported = new Map<string, string>();
  for (const demo of PROBLEMS) {
    const location = {
      lat: CENTRE.lat + (demo.at[0] / R) * (180 / Math.PI),
      lng: CENTRE.lng + ((demo.at[1] / R) * (180 / Math.PI)) / Math.cos((CENTRE.lat * Math.PI) / 180),
    };
    const problem = await problems.report(who(demo.by).id, {
      title: demo.title,
      description: demo.description,
      categoryCode: demo.category,
      location,
      address: null,
      anonymous: demo.anonymous ?? false,
    });
    reported.set(demo.title, problem.id);
    for (const key of demo.supporters) {
      await dataSource.query('INSERT INTO problem_supports (problem_id, user_id) VALUES ($1, $2)', [problem.id, who(key).id]);
    }
    await dataSource.query('UPDATE problems SET support_count = (SELECT count(*) FROM problem_supports WHERE problem_id = $1) WHERE id = $1', [problem.id]);
    if (demo.analysis) {
      const a = demo.analysis;
      await dataSource.query(
        `INSERT INTO problem_analyses (problem_id, offender, victim, place, handler, guardian, manager, hypothesis, recorded_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [problem.id, a['offender'] ?? null, a['victim'] ?? null, a['place'] ?? null, a['handler'] ?? null, a['guardian'] ?? null,
          a['manager'] ?? null, a['hypothesis'] ?? null, who('officer.jones').id],
      );
    }
    // Walk the cycle as the local officers would have; each step is a timeline event. The
    // demo writes the steps directly: gates owned by other libs (adopted solutions, finished
    // actions) are not part of this data set.
    let from = ProblemStatus.REPORTED;
    for (const to of demo.path) {
      const actor = to === S.REJECTED || to === S.RESOLVED ? who('supervisor') : who('officer.jones');
      const note = to === demo.path.at(-1) ? (demo.note ?? null) : null;
      await dataSource.transaction(async (manager) => {
        await manager.query('UPDATE problems SET status = $2, status_note = $3, status_changed_at = now() WHERE id = $1', [problem.id, to, note]);
        await timeline.record(manager, { problemId: problem.id, kind: TimelineEventKind.STATUS_CHANGED, actorId: actor.id, fromStatus: from, toStatus: to, note });
      });
      from = to;
    }
  }
  const copy = await problems.report(who('sofia').id, {
    title: 'Street racing on Station Road',
    description: 'Every weekend the cars race past the station.',
    categoryCode: 'TRAFFIC',
    location: { lat: CENTRE.lat - 0.0027, lng: CENTRE.lng + 0.0036 },
    anonymous: false,
  });
  await lifecycle.markDuplicate(asActor('officer.jones'), copy.id, reported.get('Cars racing on Station Road at night') as string);
  logger.log(`Demo data loaded: ${PEOPLE.length} people (password "${DEMO_PASSWORD}"), ${AREAS.length} areas, ${PROBLEMS.length + 1} problems`);
  return true;
}
