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
import { CommentService, SolutionLifecycleService, SolutionService, SolutionStatus, VoteService } from '@common-ground/solutions';

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

interface DemoSolution {
  problem: string; // the problem's title
  title: string;
  description: string;
  by: string;
  forOrganisation?: boolean; // on behalf of the Millbrook Residents Association (its members only)
  fundingGoalPence?: number;
  capacityNeeds?: { kind: string; quantity: number; unit?: string }[];
  up: string[];
  down: string[];
  status?: SolutionStatus.SHORTLISTED | SolutionStatus.ADOPTED;
  decidedBy?: string;
}

const SOLUTIONS: DemoSolution[] = [
  {
    problem: 'Drug dealing behind the library every evening',
    title: 'Light the service yard and lock its side gate after 5.30 pm',
    description: 'Motion-sensor lights over both exits and a gate the library staff lock at closing time.',
    by: 'amina', up: ['rita', 'tom', 'li', 'sofia'], down: [],
    status: SolutionStatus.ADOPTED, decidedBy: 'officer.jones',
  },
  {
    problem: 'Drug dealing behind the library every evening',
    title: 'CCTV camera on the library roof',
    description: 'A camera covering the yard, monitored by the council control room.',
    by: 'gareth', up: ['tom'], down: ['amina', 'li'],
  },
  {
    problem: 'Cars racing on Station Road at night',
    title: 'Average speed cameras between the roundabout and the bridge',
    description: 'Two camera pairs so that racing the whole straight costs points.',
    by: 'sofia', up: ['tom', 'gareth', 'rita'], down: ['li'],
    status: SolutionStatus.ADOPTED, decidedBy: 'officer.jones',
  },
  {
    problem: 'Cars racing on Station Road at night',
    title: 'Speed cushions and a zebra crossing by the retail park',
    description: 'Physical calming where the drivers meet, and a safe crossing for the bus stop.',
    by: 'rita', forOrganisation: true, fundingGoalPence: 1_200_000, up: ['amina', 'li'], down: ['gareth'],
  },
  {
    problem: 'Bikes stolen from the station racks',
    title: 'Secure bike lockers at the station',
    description: 'Twenty lockers rented by the month, next to the ticket office window.',
    by: 'li', fundingGoalPence: 850_000, up: ['sofia', 'tom', 'gareth'], down: [],
    status: SolutionStatus.SHORTLISTED, decidedBy: 'officer.okafor',
  },
  {
    problem: 'Speeding past Hillcrest primary school',
    title: 'A school street: no through traffic at drop-off and pick-up',
    description: 'Volunteer marshals close Hillcrest Lane to through traffic from 8.30 to 9.00 and 3.00 to 3.30.',
    by: 'tom', forOrganisation: true,
    capacityNeeds: [{ kind: 'VOLUNTEER_HOURS', quantity: 60, unit: 'hours per term' }, { kind: 'EQUIPMENT', quantity: 4, unit: 'barriers' }],
    up: ['amina', 'rita', 'sofia'], down: [],
  },
];

interface DemoComment {
  problem: string; // the problem's title
  onSolution?: string; // a solution's title, to comment on it instead
  by: string;
  body: string;
  replies?: { by: string; body: string }[];
}

const COMMENTS: DemoComment[] = [
  {
    problem: 'Drug dealing behind the library every evening',
    by: 'li', body: 'The side gate has been broken since the spring, so the yard is open all night.',
    replies: [{ by: 'officer.jones', body: 'Thank you, that matches what we saw. The council will repair the gate this month and we are patrolling the yard at 6 pm until then.' }],
  },
  {
    problem: 'Drug dealing behind the library every evening',
    onSolution: 'Light the service yard and lock its side gate after 5.30 pm',
    by: 'rita', body: 'The library staff are happy to lock the gate if someone gives them a key.',
    replies: [{ by: 'supervisor', body: 'Agreed with the library manager: keys are handed over on Monday.' }],
  },
  {
    problem: 'Cars racing on Station Road at night',
    by: 'gareth', body: 'It was worse than ever last Saturday, around 1 am.',
    replies: [{ by: 'officer.jones', body: 'We had a patrol car there from midnight on Saturday and stopped two cars. The cameras go in next month.' }],
  },
  {
    problem: 'Speeding past Hillcrest primary school',
    onSolution: 'A school street: no through traffic at drop-off and pick-up',
    by: 'amina', body: 'I can marshal on Tuesdays and Thursdays.',
  },
];

/**
 * Loads the Millbrook demo data set once (a town with areas, officers, residents, problems in
 * every status, solutions with votes, an adopted one, and the conversation between residents and
 * officers) so a newcomer sees a living platform. Runs only when DEMO_DATA is on: by default
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
  const solutions = app.get(SolutionService);
  const votes = app.get(VoteService);
  const solutionLifecycle = app.get(SolutionLifecycleService);
  const comments = app.get(CommentService);

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
  await organisations.addMember(who('rita').id, { organisationId: association.id, userId: who('tom').id, role: MembershipRole.MEMBER });
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
    // demo writes the steps directly: the gates (an adopted solution, finished actions) would
    // otherwise need the whole history in order; solutions are added afterwards.
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
  // Solutions, votes and decisions go through the services, so counters, rules and the
  // timeline are the real ones.
  const proposed = new Map<string, string>();
  for (const demo of SOLUTIONS) {
    const solution = await solutions.propose(who(demo.by).id, {
      problemId: reported.get(demo.problem) as string,
      title: demo.title,
      description: demo.description,
      organisationId: demo.forOrganisation ? association.id : null,
      fundingGoal: demo.fundingGoalPence ? { amountMinor: demo.fundingGoalPence, currency: 'GBP' } : null,
      capacityNeeds: demo.capacityNeeds ?? null,
    });
    proposed.set(demo.title, solution.id);
    for (const key of demo.up) await votes.cast(who(key).id, solution.id, 1);
    for (const key of demo.down) await votes.cast(who(key).id, solution.id, -1);
    if (demo.status) await solutionLifecycle.changeStatus(asActor(demo.decidedBy as string), solution.id, demo.status);
  }
  for (const demo of COMMENTS) {
    const target = demo.onSolution ? { solutionId: proposed.get(demo.onSolution) as string } : { problemId: reported.get(demo.problem) as string };
    const comment = await comments.add(asActor(demo.by), { ...target, body: demo.body });
    for (const reply of demo.replies ?? []) await comments.add(asActor(reply.by), { ...target, parentId: comment.id, body: reply.body });
  }

  const copy = await problems.report(who('sofia').id, {
    title: 'Street racing on Station Road',
    description: 'Every weekend the cars race past the station.',
    categoryCode: 'TRAFFIC',
    location: { lat: CENTRE.lat - 0.0027, lng: CENTRE.lng + 0.0036 },
    anonymous: false,
  });
  await lifecycle.markDuplicate(asActor('officer.jones'), copy.id, reported.get('Cars racing on Station Road at night') as string);
  const commentCount = COMMENTS.reduce((n, c) => n + 1 + (c.replies?.length ?? 0), 0);
  logger.log(
    `Demo data loaded: ${PEOPLE.length} people (password "${DEMO_PASSWORD}"), ${AREAS.length} areas, ${PROBLEMS.length + 1} problems, ` +
      `${SOLUTIONS.length} solutions, ${commentCount} comments`,
  );
  return true;
}
