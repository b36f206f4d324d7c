import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@common-ground/shared/auth';
import { UserService } from '@common-ground/identity';
import { LatLng, ProblemStatus } from '@common-ground/problems';
import { SolutionStatus } from '@common-ground/solutions';
import {
  Factories,
  FactoryOrganisation,
  FactoryProblem,
  FactorySolution,
  FactoryUser,
  FetchGraphQLClient,
  GraphQLExecutor,
  LOGIN,
  GRANT_ROLE,
} from '@common-ground/shared/testing';

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
  { key: 'priya', name: 'Priya Nair (Council Highways)', roles: [] },
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
  /** When it was reported (days ago), and over how many days its story unfolded since. */
  reportedDaysAgo: number;
  unfoldedOverDays: number;
}

const S = ProblemStatus;
const PROBLEMS: DemoProblem[] = [
  {
    title: 'Drug dealing behind the library every evening',
    description: 'Two or three people wait in the service yard behind the library from about 6 pm; cars stop briefly.',
    category: 'DRUGS',
    at: [120, -80],
    by: 'rita',
    anonymous: true,
    supporters: ['tom', 'amina', 'li'],
    path: [S.SCANNING, S.ANALYSIS],
    reportedDaysAgo: 75,
    unfoldedOverDays: 60,
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
    category: 'TRAFFIC',
    at: [-300, 250],
    by: 'tom',
    supporters: ['gareth', 'sofia', 'rita', 'li', 'amina'],
    path: [S.SCANNING, S.ANALYSIS, S.RESPONSE],
    reportedDaysAgo: 120,
    unfoldedOverDays: 100,
    analysis: {
      offender: 'Young drivers meeting at the retail park',
      place: 'Long straight road with no crossings',
      hypothesis: 'Nothing slows traffic between 11 pm and 3 am',
    },
  },
  {
    title: 'Street lights out along the canal towpath',
    description: 'Six lights have been out for weeks between the lock and the footbridge.',
    category: 'ENVIRONMENT',
    at: [-900, -400],
    by: 'amina',
    supporters: ['li'],
    path: [S.SCANNING, S.ANALYSIS, S.RESPONSE, S.ASSESSMENT, S.RESOLVED],
    note: 'Council replaced the lights; residents report the towpath feels safer',
    reportedDaysAgo: 200,
    unfoldedOverDays: 150,
    analysis: {
      place: 'Canal towpath, 400 m without light',
      manager: 'Canal trust and council lighting team',
      hypothesis: 'People avoid the towpath after dark',
    },
  },
  {
    title: 'Bikes stolen from the station racks',
    description: 'At least four bikes taken in two weeks, locks cut.',
    category: 'THEFT',
    at: [-350, 300],
    by: 'li',
    supporters: ['sofia'],
    path: [S.SCANNING],
    reportedDaysAgo: 30,
    unfoldedOverDays: 10,
  },
  {
    title: 'Graffiti on the underpass',
    description: 'New tags every week in the Hillcrest Road underpass.',
    category: 'VANDALISM',
    at: [900, 100],
    by: 'gareth',
    supporters: [],
    path: [],
    reportedDaysAgo: 6,
    unfoldedOverDays: 0,
  },
  {
    title: 'Groups of teenagers intimidating shoppers',
    description: 'Outside the Co-op on Market Street in the afternoons.',
    category: 'ANTISOCIAL_BEHAVIOUR',
    at: [40, 60],
    by: 'sofia',
    supporters: ['rita'],
    path: [S.REJECTED],
    note: 'Referred to the youth service, who run an outreach session there on Thursdays',
    reportedDaysAgo: 45,
    unfoldedOverDays: 9,
  },
  {
    title: 'Assault near the taxi rank',
    description: 'Fights at closing time near the Market Square taxi rank.',
    category: 'VIOLENCE',
    at: [10, -20],
    by: 'tom',
    anonymous: true,
    supporters: ['gareth'],
    path: [S.SCANNING, S.ANALYSIS, S.RESPONSE, S.ASSESSMENT],
    reportedDaysAgo: 160,
    unfoldedOverDays: 140,
    analysis: { victim: 'People waiting for taxis after midnight', place: 'Taxi rank with one marshal', hypothesis: 'Queues are long and unmanaged at 2 am' },
  },
  {
    title: 'Speeding past Hillcrest primary school',
    description: 'Drivers ignore the 20 mph limit at drop-off time.',
    category: 'TRAFFIC',
    at: [1000, -200],
    by: 'amina',
    supporters: ['rita', 'tom', 'sofia'],
    path: [],
    reportedDaysAgo: 14,
    unfoldedOverDays: 12,
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
  /** Decided by `decidedBy` through changeSolutionStatus (IMPLEMENTED by way of ADOPTED). */
  status?: SolutionStatus.SHORTLISTED | SolutionStatus.ADOPTED | SolutionStatus.IMPLEMENTED;
  decidedBy?: string;
}

const SOLUTIONS: DemoSolution[] = [
  {
    problem: 'Drug dealing behind the library every evening',
    title: 'Light the service yard and lock its side gate after 5.30 pm',
    description: 'Motion-sensor lights over both exits and a gate the library staff lock at closing time.',
    by: 'amina',
    up: ['rita', 'tom', 'li', 'sofia'],
    down: [],
    status: SolutionStatus.ADOPTED,
    decidedBy: 'officer.jones',
  },
  {
    problem: 'Drug dealing behind the library every evening',
    title: 'CCTV camera on the library roof',
    description: 'A camera covering the yard, monitored by the council control room.',
    by: 'gareth',
    up: ['tom'],
    down: ['amina', 'li'],
  },
  {
    problem: 'Cars racing on Station Road at night',
    title: 'Average speed cameras between the roundabout and the bridge',
    description: 'Two camera pairs so that racing the whole straight costs points.',
    by: 'sofia',
    up: ['tom', 'gareth', 'rita'],
    down: ['li'],
    status: SolutionStatus.ADOPTED,
    decidedBy: 'officer.jones',
  },
  {
    problem: 'Cars racing on Station Road at night',
    title: 'Speed cushions and a zebra crossing by the retail park',
    description: 'Physical calming where the drivers meet, and a safe crossing for the bus stop.',
    by: 'rita',
    forOrganisation: true,
    fundingGoalPence: 1_200_000,
    up: ['amina', 'li'],
    down: ['gareth'],
  },
  {
    problem: 'Street lights out along the canal towpath',
    title: 'Replace the six towpath lights and add two more by the lock',
    description: 'The canal trust and the council lighting team share the cost; LED lamps on a dusk-to-dawn timer.',
    by: 'amina',
    up: ['li', 'gareth', 'rita'],
    down: [],
    status: SolutionStatus.IMPLEMENTED,
    decidedBy: 'officer.okafor',
  },
  {
    problem: 'Assault near the taxi rank',
    title: 'A second taxi marshal and a managed queue on Friday and Saturday nights',
    description: 'Barriers for one orderly queue from 11 pm and a second marshal paid by the late-night levy.',
    by: 'gareth',
    up: ['tom', 'sofia'],
    down: [],
    status: SolutionStatus.ADOPTED,
    decidedBy: 'officer.jones',
  },
  {
    problem: 'Bikes stolen from the station racks',
    title: 'Secure bike lockers at the station',
    description: 'Twenty lockers rented by the month, next to the ticket office window.',
    by: 'li',
    fundingGoalPence: 850_000,
    up: ['sofia', 'tom', 'gareth'],
    down: [],
    status: SolutionStatus.SHORTLISTED,
    decidedBy: 'officer.okafor',
  },
  {
    problem: 'Speeding past Hillcrest primary school',
    title: 'A school street: no through traffic at drop-off and pick-up',
    description: 'Volunteer marshals close Hillcrest Lane to through traffic from 8.30 to 9.00 and 3.00 to 3.30.',
    by: 'tom',
    forOrganisation: true,
    capacityNeeds: [
      { kind: 'VOLUNTEER_HOURS', quantity: 60, unit: 'hours per term' },
      { kind: 'EQUIPMENT', quantity: 4, unit: 'barriers' },
    ],
    up: ['amina', 'rita', 'sofia'],
    down: [],
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
    by: 'li',
    body: 'The side gate has been broken since the spring, so the yard is open all night.',
    replies: [
      {
        by: 'officer.jones',
        body: 'Thank you, that matches what we saw. The council will repair the gate this month and we are patrolling the yard at 6 pm until then.',
      },
    ],
  },
  {
    problem: 'Drug dealing behind the library every evening',
    onSolution: 'Light the service yard and lock its side gate after 5.30 pm',
    by: 'rita',
    body: 'The library staff are happy to lock the gate if someone gives them a key.',
    replies: [{ by: 'supervisor', body: 'Agreed with the library manager: keys are handed over on Monday.' }],
  },
  {
    problem: 'Cars racing on Station Road at night',
    by: 'gareth',
    body: 'It was worse than ever last Saturday, around 1 am.',
    replies: [{ by: 'officer.jones', body: 'We had a patrol car there from midnight on Saturday and stopped two cars. The cameras go in next month.' }],
  },
  {
    problem: 'Speeding past Hillcrest primary school',
    onSolution: 'A school street: no through traffic at drop-off and pick-up',
    by: 'amina',
    body: 'I can marshal on Tuesdays and Thursdays.',
  },
];

const DAY_MS = 86_400_000;

interface DemoAction {
  title: string;
  description?: string;
  /** An officer's key, or 'council' for the council's highways team (a partner agency). */
  for: string;
  internal?: boolean;
  /** Due this many days from when the story is told (negative: already past). */
  dueInDays?: number;
  /** Updates in order, by the assignee (or a member of the assigned organisation). */
  updates: { by: string; status?: 'IN_PROGRESS' | 'BLOCKED' | 'DONE'; progressPercent?: number; note?: string }[];
}

interface DemoResponse {
  /** Who takes the lead (themselves). */
  lead: string;
  actions: DemoAction[];
  /** Recorded in ASSESSMENT, before RESOLVED. */
  assessment?: {
    outcome: 'RESOLVED' | 'IMPROVED' | 'NO_CHANGE';
    summary: string;
    metrics: { name: string; before: number; after: number; unit?: string; period?: string }[];
  };
  /** Whether it worked, by the reporter and supporters, once it is assessed. */
  ratings?: { by: string; worked: 'YES' | 'PARTLY' | 'NO'; comment?: string }[];
}

/** The responses: leads, actions (one overdue, one the council's), assessments and residents' ratings, by problem title. */
const RESPONSES: Record<string, DemoResponse> = {
  'Drug dealing behind the library every evening': { lead: 'officer.jones', actions: [] },
  'Cars racing on Station Road at night': {
    lead: 'officer.jones',
    actions: [
      {
        title: 'Speed checks on Station Road on Friday and Saturday nights',
        for: 'officer.jones',
        dueInDays: -4,
        updates: [{ by: 'officer.jones', status: 'IN_PROGRESS', progressPercent: 40, note: 'Two nights done, eleven cars stopped.' }],
      },
      {
        title: 'Survey Station Road for the average speed cameras',
        description: 'Sites for two camera pairs, power and signage.',
        for: 'council',
        dueInDays: 21,
        updates: [{ by: 'priya', status: 'IN_PROGRESS', progressPercent: 25, note: 'First site agreed with the landowner.' }],
      },
    ],
  },
  'Street lights out along the canal towpath': {
    lead: 'officer.okafor',
    actions: [
      {
        title: 'Replace the six towpath lights and add two by the lock',
        for: 'council',
        updates: [
          { by: 'priya', status: 'IN_PROGRESS', progressPercent: 50, note: 'Six replaced.' },
          { by: 'priya', status: 'DONE', note: 'The two new ones by the lock are on.' },
        ],
      },
      {
        title: 'Evening patrols along the towpath for a month',
        for: 'officer.okafor',
        updates: [
          { by: 'officer.okafor', status: 'IN_PROGRESS', progressPercent: 30 },
          { by: 'officer.okafor', status: 'DONE', note: 'Twelve patrols, nothing to report after week two.' },
        ],
      },
    ],
    assessment: {
      outcome: 'RESOLVED',
      summary: 'The towpath is lit end to end and people walk it after dark again; no robberies since the lights came on.',
      metrics: [
        { name: 'Robberies on the towpath', before: 5, after: 0, unit: 'reports', period: '8 weeks before and after' },
        { name: 'People on the towpath after dark (evening count)', before: 14, after: 46, unit: 'people', period: 'one evening count each' },
      ],
    },
    ratings: [
      { by: 'amina', worked: 'YES', comment: 'I walk home that way again.' },
      { by: 'li', worked: 'YES' },
    ],
  },
  'Assault near the taxi rank': {
    lead: 'officer.jones',
    actions: [
      {
        title: 'Plain-clothes patrol at the rank at closing time',
        for: 'officer.jones',
        internal: true,
        updates: [
          { by: 'officer.jones', status: 'IN_PROGRESS', progressPercent: 50 },
          { by: 'officer.jones', status: 'DONE', note: 'Four weekends.' },
        ],
      },
    ],
    assessment: {
      outcome: 'IMPROVED',
      summary: 'Fewer assaults since the second marshal, but Saturday nights are still busy.',
      metrics: [{ name: 'Assaults at the rank', before: 7, after: 3, unit: 'reports', period: '8 weeks before and after' }],
    },
    ratings: [
      { by: 'tom', worked: 'PARTLY', comment: 'Better, but Saturdays are still rough.' },
      { by: 'gareth', worked: 'YES' },
    ],
  },
};

/** What the story is told with: the demo's people, signed in, and the factories over the API. */
interface Story {
  make: Factories;
  who: (key: string) => FactoryUser;
}

/**
 * Loads the Millbrook demo data set once (a town with areas, officers, residents, problems in
 * every status, solutions with votes, adopted ones, and the conversation between residents and
 * officers) so a newcomer sees a living platform. Runs only when DEMO_DATA is on: by default
 * with the embedded database, never on a DATABASE_URL unless asked for.
 *
 * The story is told through the app's own GraphQL API over HTTP, in process (the factories of
 * shared/testing), so every step passes the auth guard, validation, the rules and the SARA
 * gates, as it would for the people in it: nothing is written that the app could not reach.
 * Only the accounts are made by the user service (as the bootstrap admin is), and the times are
 * moved back afterwards (`backdateStory`).
 */
export async function loadDemoData(app: INestApplication): Promise<boolean> {
  const logger = new Logger('DemoData');
  const users = app.get(UserService);
  if (await users.findByEmail(`admin@${DEMO_DOMAIN}`)) return false;

  const endpoint = await inProcessEndpoint(app.getHttpServer() as Server);
  try {
    const gql = new FetchGraphQLClient(endpoint.url);
    const make = new Factories(gql, async () => {
      throw new Error('The demo names every actor: a step asked the factories for an account of its own');
    });
    const people = await signUp(users, gql);
    const story: Story = { make, who: (key) => people.get(key) as FactoryUser };
    const reported = await tell(story);
    await backdateStory(app.get(DataSource), reported);
  } finally {
    await endpoint.close();
  }
  const commentCount = COMMENTS.reduce((n, c) => n + 1 + (c.replies?.length ?? 0), 0);
  logger.log(
    `Demo data loaded: ${PEOPLE.length} people (password "${DEMO_PASSWORD}"), ${AREAS.length} areas, ${PROBLEMS.length + 1} problems, ` +
      `${SOLUTIONS.length} solutions, ${commentCount} comments`,
  );
  return true;
}

/**
 * The app's HTTP server on a free loopback port while the demo loads (closed after, so that
 * `app.listen` can then bind the configured one), or the address it already listens on.
 */
async function inProcessEndpoint(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  const listening = server.address() as AddressInfo | null;
  if (listening) return { url: `http://127.0.0.1:${listening.port}/graphql`, close: async () => undefined };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * The accounts: made by the user service with no roles but the admin's (accounts are not a
 * state the app walks through, and the first admin is made this way by BOOTSTRAP_ADMIN_*
 * too), then signed in with `login` and given their roles by the admin with `grantRole`.
 */
async function signUp(users: UserService, gql: GraphQLExecutor): Promise<Map<string, FactoryUser>> {
  const people = new Map<string, FactoryUser>();
  for (const person of PEOPLE) {
    const email = `${person.key}@${DEMO_DOMAIN}`;
    const admin = person.roles.includes(Role.ADMIN);
    await users.create({ email, password: DEMO_PASSWORD, displayName: person.name, roles: admin ? [Role.ADMIN] : [] });
    const { login } = await gql.ok<{ login: { accessToken: string; user: { id: string; roles: Role[] } } }>(LOGIN, {
      input: { email, password: DEMO_PASSWORD },
    });
    const user: FactoryUser = { id: login.user.id, email, displayName: person.name, token: login.accessToken, roles: login.user.roles };
    if (!admin) {
      const granter = people.get('admin') as FactoryUser;
      for (const role of person.roles) {
        await gql.ok(GRANT_ROLE, { input: { userId: user.id, role } }, granter.token);
        user.roles = [...user.roles, role];
      }
    }
    people.set(person.key, user);
  }
  return people;
}

const R = 6_378_168;
const pointAt = ([northMetres, eastMetres]: [number, number]): LatLng => ({
  lat: CENTRE.lat + (northMetres / R) * (180 / Math.PI),
  lng: CENTRE.lng + ((eastMetres / R) * (180 / Math.PI)) / Math.cos((CENTRE.lat * Math.PI) / 180),
});

/** Statuses at and after which a problem's solutions can no longer be adopted (the gate is behind it). */
const AFTER_ANALYSIS: readonly ProblemStatus[] = [ProblemStatus.RESPONSE, ProblemStatus.ASSESSMENT, ProblemStatus.RESOLVED];

/**
 * The story, in the order it would have happened: the town's areas and teams, the
 * organisations, then each problem reported, supported, walked through the cycle by its
 * officers; its solutions proposed and voted on while it is open, the adopted one decided while
 * it is in ANALYSIS, before the gate to RESPONSE; the conversation; a duplicate merged.
 * Returns each problem (by title) with its timing.
 */
async function tell({ make, who }: Story): Promise<Map<string, { problem: FactoryProblem; reportedDaysAgo: number; unfoldedOverDays: number }>> {
  const created = [];
  for (const area of AREAS) created.push(await make.areas.by(who('admin')).named(area.name).boundary(area.boundary).create());
  await make.areas.assign(created[0], who('officer.jones'), who('supervisor'));
  await make.areas.assign(created[0], who('supervisor'), who('supervisor'));
  await make.areas.assign(created[1], who('officer.okafor'), who('supervisor'));
  await make.areas.assign(created[2], who('officer.okafor'), who('supervisor'));

  const association = await make.organisations.create(who('rita'), {
    name: 'Millbrook Residents Association',
    description: 'Residents looking after the town centre and Riverside since 1987.',
    website: `https://residents.${DEMO_DOMAIN}`,
  });
  await make.organisations.addMember(association, who('tom'), 'MEMBER');
  const canalTrust = await make.organisations.create(who('gareth'), {
    name: 'Canal Trust Volunteers',
    description: 'Towpath clean-ups and patrols.',
    website: null,
  });
  const council = await make.organisations.partnerAgency(
    who('priya'),
    { name: 'Millbrook Borough Council Highways', description: 'Street lighting, roads and signs.' },
    who('admin'),
  );
  const tellStoryStart = Date.now();
  const respond = async (problem: FactoryProblem, response: DemoResponse) => {
    for (const demo of response.actions) {
      let draft = make.actions.on(problem).by(who(response.lead)).titled(demo.title, demo.description);
      draft = demo.for === 'council' ? draft.forOrganisation(council) : draft.assignedTo(who(demo.for));
      if (demo.internal) draft = draft.internal();
      if (demo.dueInDays !== undefined) draft = draft.due(new Date(tellStoryStart + demo.dueInDays * DAY_MS));
      const action = await draft.create();
      for (const update of demo.updates) {
        const { by, ...change } = update;
        await make.actions.update(action, change, who(by));
      }
    }
  };

  const reported = new Map<string, { problem: FactoryProblem; reportedDaysAgo: number; unfoldedOverDays: number }>();
  const proposed = new Map<string, FactorySolution>();
  for (const demo of PROBLEMS) {
    let problem = await make.problems
      .by(who(demo.by))
      .at(pointAt(demo.at))
      .category(demo.category)
      .titled(demo.title, demo.description)
      .anonymous(demo.anonymous ?? false)
      .supportedBy(...demo.supporters.map(who))
      .report();
    const officer = who('officer.jones');
    const supervisor = who('supervisor');
    const noteFor = (to: ProblemStatus) => (to === demo.path.at(-1) ? demo.note : undefined);
    const solutions = SOLUTIONS.filter((s) => s.problem === demo.title);
    let decided = false;
    // Proposals, votes and decisions come while the problem is open, and an adoption while it
    // is in ANALYSIS: the gate to RESPONSE needs it, and the analysis, before the move.
    const decide = async () => {
      decided = true;
      for (const s of solutions) {
        let draft = make.solutions.by(who(s.by)).on(problem).titled(s.title, s.description);
        if (s.capacityNeeds) draft = draft.capacity(s.capacityNeeds);
        if (s.forOrganisation) draft = draft.forOrganisation(association);
        if (s.fundingGoalPence) draft = draft.fundingGoal(s.fundingGoalPence, 'GBP');
        const solution = await draft.propose();
        proposed.set(s.title, solution);
        await make.votes.cast(solution, { up: s.up.map(who), down: s.down.map(who) });
        if (s.status) {
          await make.solutions.decide(solution, s.status === SolutionStatus.SHORTLISTED ? 'SHORTLISTED' : 'ADOPTED', { by: who(s.decidedBy as string) });
          if (s.status === SolutionStatus.ADOPTED || s.status === SolutionStatus.IMPLEMENTED) problem = { ...problem, adoptedSolutionId: solution.id };
        }
      }
    };
    const response = RESPONSES[demo.title];
    for (const to of demo.path) {
      if (AFTER_ANALYSIS.includes(to) && !decided) await decide();
      if (to === ProblemStatus.ANALYSIS && response) await make.actions.lead(problem, who(response.lead));
      if (to === ProblemStatus.RESOLVED && response?.assessment) await make.actions.assess(problem, response.assessment, who(response.lead));
      if (to === ProblemStatus.ASSESSMENT) {
        // What was adopted has been carried out by the time the team assesses it.
        for (const s of solutions.filter((s) => s.status === SolutionStatus.IMPLEMENTED)) {
          await make.solutions.decide(proposed.get(s.title) as FactorySolution, 'IMPLEMENTED', { by: who(s.decidedBy as string) });
        }
      }
      const by = to === ProblemStatus.REJECTED || to === ProblemStatus.RESOLVED ? supervisor : officer;
      await make.problems.move(problem, to, { by, note: noteFor(to) ?? null });
      problem = { ...problem, status: to };
      if (to === ProblemStatus.ANALYSIS && demo.analysis) await make.problems.recordAnalysis(problem, demo.analysis, officer);
      if (to === ProblemStatus.RESPONSE && response) await respond(problem, response);
      if (to === ProblemStatus.ASSESSMENT && response?.assessment && demo.path.at(-1) === ProblemStatus.ASSESSMENT) {
        await make.actions.assess(problem, response.assessment, who(response.lead));
      }
    }
    for (const rating of response?.ratings ?? []) await make.actions.rate(problem, who(rating.by), rating.worked, rating.comment);
    if (!decided) await decide();
    reported.set(demo.title, { problem, reportedDaysAgo: demo.reportedDaysAgo, unfoldedOverDays: demo.unfoldedOverDays });
  }

  for (const demo of COMMENTS) {
    const thread = demo.onSolution
      ? make.comments.by(who(demo.by)).onSolution(proposed.get(demo.onSolution) as FactorySolution)
      : make.comments.by(who(demo.by)).onProblem(reported.get(demo.problem)?.problem as FactoryProblem);
    const comment = await thread.say(demo.body);
    for (const reply of demo.replies ?? []) {
      const author = who(reply.by);
      const replies = author.roles.some((r) => r === Role.OFFICER || r === Role.SUPERVISOR) ? make.answers : make.comments;
      await replies.by(author).replyTo(comment).say(reply.body);
    }
  }

  await pledge({ make, who }, proposed, association, canalTrust);

  const copy = await make.problems
    .by(who('sofia'))
    .at({ lat: CENTRE.lat - 0.0027, lng: CENTRE.lng + 0.0036 })
    .category('TRAFFIC')
    .titled('Street racing on Station Road', 'Every weekend the cars race past the station.')
    .report();
  const original = reported.get('Cars racing on Station Road at night')?.problem as FactoryProblem;
  await make.problems.markDuplicate(copy, original, who('officer.jones'));
  reported.set('Street racing on Station Road', { problem: { ...copy, status: 'DUPLICATE' }, reportedDaysAgo: 21, unfoldedOverDays: 2 });
  return reported;
}

/**
 * The community's pledges, through the API: the Canal Trust offers to match residents' money
 * toward the Station Road crossing up to £200, residents pledge (and are matched), the
 * association pledges £500 that an officer confirms as paid, and the school street gets
 * volunteer hours and barriers.
 */
async function pledge(
  { make, who }: Story,
  proposed: Map<string, FactorySolution>,
  association: FactoryOrganisation,
  canalTrust: FactoryOrganisation,
): Promise<void> {
  const solution = (title: string) => proposed.get(title) as FactorySolution;
  const crossing = solution('Speed cushions and a zebra crossing by the retail park');
  await make.pledges.offerMatch(canalTrust, crossing, { amountMinor: 20_000 });
  await make.pledges.by(who('li')).toward(crossing).funding(5_000).noted('For the zebra crossing by the bus stop').pledge();
  await make.pledges.by(who('sofia')).toward(crossing).funding(2_500).pledge();
  await make.pledges
    .by(who('rita'))
    .toward(crossing)
    .forOrganisation(association)
    .funding(50_000)
    .fulfilled('Bank transfer from the association received', who('officer.jones'));
  const schoolStreet = solution('A school street: no through traffic at drop-off and pick-up');
  await make.pledges.by(who('amina')).toward(schoolStreet).capacity('VOLUNTEER_HOURS', 20, { description: 'Tuesday and Thursday mornings' }).pledge();
  await make.pledges
    .by(who('tom'))
    .toward(schoolStreet)
    .forOrganisation(association)
    .capacity('EQUIPMENT', 4, { description: 'Folding road barriers' })
    .pledge();
  await make.pledges.by(who('gareth')).toward(solution('Secure bike lockers at the station')).funding(10_000).pledge();
}

/**
 * The one place the demo writes SQL: time. The services stamp `now()`, so a story told in a
 * second would look a second old; no API lets anyone choose when something happened, and none
 * should. So after the story is told, each problem's times (reported, updated, status changed,
 * its timeline, supports, analysis, solutions, votes and comments) are mapped onto a span of
 * days ending `reportedDaysAgo - unfoldedOverDays` days ago: one linear map per problem, so the
 * order of everything in its story is kept. Accounts, areas, teams and organisations are made
 * to predate every problem. Nothing but timestamps changes.
 */
async function backdateStory(
  dataSource: DataSource,
  reported: Map<string, { problem: FactoryProblem; reportedDaysAgo: number; unfoldedOverDays: number }>,
): Promise<void> {
  await dataSource.transaction(async (manager: EntityManager) => {
    const earliest = Math.max(...[...reported.values()].map((r) => r.reportedDaysAgo)) + 30;
    for (const [table, columns] of [
      ['users', ['created_at', 'updated_at']],
      ['organisations', ['created_at']],
      ['organisation_members', ['created_at']],
      ['areas', ['created_at']],
      ['area_officers', ['assigned_at']],
    ] as const) {
      const set = columns.map((c) => `${c} = ${c} - make_interval(days => $1)`).join(', ');
      await manager.query(`UPDATE ${table} SET ${set}`, [earliest]);
    }
    for (const { problem, reportedDaysAgo, unfoldedOverDays } of reported.values()) {
      // The problem's own times, from its report (t0) to the last thing that happened on it (t1).
      const [{ t0, t1 }]: { t0: Date; t1: Date }[] = await manager.query(
        `SELECT p.reported_at AS t0, greatest(p.updated_at, (SELECT max(at) FROM problem_events WHERE problem_id = p.id),
                (SELECT max(rated_at) FROM outcome_ratings WHERE problem_id = p.id)) AS t1
           FROM problems p WHERE p.id = $1`,
        [problem.id],
      );
      const elapsed = Math.max(1, t1.getTime() - t0.getTime());
      const params = [problem.id, t0.toISOString(), reportedDaysAgo, (unfoldedOverDays * 86_400_000) / elapsed];
      // t ↦ (now − reportedDaysAgo days) + (t − t0) × stretch
      const map = (column: string) => `${column} = now() - make_interval(days => $3) + ((${column} - $2::timestamptz) * $4::float8)`;
      const solutionsOf = 'SELECT id FROM solutions WHERE problem_id = $1';
      await manager.query(`UPDATE problems SET ${['reported_at', 'updated_at', 'status_changed_at'].map(map).join(', ')} WHERE id = $1`, params);
      await manager.query(`UPDATE problem_events SET ${map('at')} WHERE problem_id = $1`, params);
      await manager.query(`UPDATE problem_supports SET ${map('created_at')} WHERE problem_id = $1`, params);
      await manager.query(`UPDATE problem_analyses SET ${map('recorded_at')}, ${map('updated_at')} WHERE problem_id = $1`, params);
      await manager.query(`UPDATE solutions SET ${map('created_at')}, ${map('updated_at')} WHERE problem_id = $1`, params);
      await manager.query(`UPDATE solution_votes SET ${map('created_at')}, ${map('updated_at')} WHERE solution_id IN (${solutionsOf})`, params);
      await manager.query(`UPDATE comments SET ${map('created_at')} WHERE problem_id = $1 OR solution_id IN (${solutionsOf})`, params);
      const pledgesOf = `SELECT id FROM pledges WHERE solution_id IN (${solutionsOf})`;
      await manager.query(`UPDATE match_offers SET ${map('created_at')} WHERE solution_id IN (${solutionsOf})`, params);
      await manager.query(
        `UPDATE pledges SET ${map('created_at')}, ${map('updated_at')}, fulfilled_at = CASE WHEN fulfilled_at IS NULL THEN NULL ELSE now() - make_interval(days => $3) + ((fulfilled_at - $2::timestamptz) * $4::float8) END WHERE solution_id IN (${solutionsOf})`,
        params,
      );
      await manager.query(`UPDATE pledge_changes SET ${map('at')} WHERE pledge_id IN (${pledgesOf})`, params);
      // The response. Due dates are not moved: they were set from the day the story is told.
      await manager.query(`UPDATE actions SET ${map('created_at')}, ${map('updated_at')}, ${map('finished_at')} WHERE problem_id = $1`, params);
      await manager.query(`UPDATE action_updates SET ${map('at')} WHERE action_id IN (SELECT id FROM actions WHERE problem_id = $1)`, params);
      await manager.query(`UPDATE problem_assessments SET ${map('assessed_at')} WHERE problem_id = $1`, params);
      await manager.query(`UPDATE outcome_ratings SET ${map('created_at')}, ${map('rated_at')}, ${map('updated_at')} WHERE problem_id = $1`, params);
    }
  });
}
