import { distanceMetres } from '@common-ground/problems';
import { Random } from './random';
import type { Target } from './servers/launch';
import { ISSUES, PLACES, STREETS, WHEN, WHERE } from './seed/vocabulary';

export const PAGE = 20;
export const TOP_SOLUTIONS = 10;
export const NEAR_RADIUS_METRES = 3_000;

/** What the load generator draws request variables from (sampled from the run database). */
export interface Fixtures {
  problemIds: string[];
  /** Problems with solutions, and how many each has (Q4 expects min(10, count) of them). */
  problemsWithSolutions: { id: string; solutions: number }[];
  points: { lat: number; lng: number }[];
  searchTerms: string[];
  /** Users who act in the write scenarios, with access tokens. */
  users: { id: string; token: string }[];
  /** Solutions open to votes, with their proposers (who may not vote on them). */
  solutions: { id: string; proposerId: string }[];
  /** Problems whose solutions have pledges, and how many solutions each has (Q6 expects min(10, count)). */
  problemsWithPledges: { id: string; solutions: number }[];
  /** Solutions that take pledges (not REJECTED or IMPLEMENTED), with the currency pledges toward them are in. */
  pledgeable: { id: string; currency: string }[];
  categories: string[];
  town: { south: number; north: number; west: number; east: number };
  /** Officers with overdue actions (Q7), with access tokens and how many they have. */
  workloads: { officerId: string; token: string; overdue: number }[];
  /** Areas (Q8) and how many problems were reported in each over the period. */
  statsAreas: { id: string; reported: number }[];
  /** The period of Q8: the last year of the data set. */
  statsPeriod: { from: string; to: string };
}

export type Operation = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5' | 'Q6' | 'Q7' | 'Q8' | 'M1' | 'M2' | 'M3';
export const READS: Operation[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8'];
export const WRITES: Operation[] = ['M1', 'M2', 'M3'];
/** The largest amount M3 pledges, in minor units (pledges are drawn from 1.00 to this). */
export const M3_MAX_MINOR = 10_000;

export interface ScenarioInfo {
  name: string;
  title: string;
  /** The operations a request draws from, with weights. */
  mix: [Operation, number][];
  writes: boolean;
}

export const SCENARIOS: ScenarioInfo[] = [
  { name: 'Q1', title: 'problem by id with its counts', mix: [['Q1', 1]], writes: false },
  { name: 'Q2', title: 'newest 20 with reporter name and solution count', mix: [['Q2', 1]], writes: false },
  { name: 'Q3', title: '20 nearest to a point', mix: [['Q3', 1]], writes: false },
  { name: 'Q4', title: 'a problem with its top 10 solutions, votes and proposers', mix: [['Q4', 1]], writes: false },
  { name: 'Q5', title: 'full-text search, 20 results', mix: [['Q5', 1]], writes: false },
  {
    name: 'Q6',
    title: 'a problem with its top 10 solutions, their funding (goal, pledged), capacity needs with pledged quantities and match offers',
    mix: [['Q6', 1]],
    writes: false,
  },
  { name: 'Q7', title: 'an officer’s overdue workload, first page of 20', mix: [['Q7', 1]], writes: false },
  { name: 'Q8', title: 'engagementStats for one area over a year', mix: [['Q8', 1]], writes: false },
  { name: 'M1', title: 'castVote by random users on random solutions', mix: [['M1', 1]], writes: true },
  { name: 'M2', title: 'reportProblem', mix: [['M2', 1]], writes: true },
  { name: 'M3', title: 'createPledge (money) by random users toward random open solutions, matched by their offers', mix: [['M3', 1]], writes: true },
  {
    name: 'MIX',
    title: '90 % reads (Q1–Q5 alike), 10 % writes (M1, M2 alike)',
    mix: [
      ['Q1', 18],
      ['Q2', 18],
      ['Q3', 18],
      ['Q4', 18],
      ['Q5', 18],
      ['M1', 5],
      ['M2', 5],
    ],
    writes: true,
  },
];

/**
 * Ablations of our API's reads (`--ablation`): the same request with parts of the selection left
 * out, to measure what each part costs, i.e. what an app change that made it free would gain.
 * FLOOR is a query with no resolver and no SQL: the cost of HTTP and GraphQL alone.
 */
export interface Ablation extends ScenarioInfo {
  documents: Partial<Record<Target, string>>;
}

export const ABLATIONS: Ablation[] = [
  {
    name: 'FLOOR',
    title: '`{ __typename }`: HTTP and GraphQL, no resolver, no SQL',
    mix: [['Q2', 1]],
    writes: false,
    documents: { ours: 'query Floor { __typename }', postgraphile: 'query Floor { __typename }' },
  },
  { name: 'Q1', title: 'Q1 as in the main table', mix: [['Q1', 1]], writes: false, documents: {} },
  {
    name: 'Q1-NO-COUNT',
    title: 'Q1 without the solution count',
    mix: [['Q1', 1]],
    writes: false,
    documents: { ours: 'query Q1($id: ID!) { problem(id: $id) { id title description status reportedAt supportCount } }' },
  },
  { name: 'Q2', title: 'Q2 as in the main table', mix: [['Q2', 1]], writes: false, documents: {} },
  {
    name: 'Q2-NO-COUNT',
    title: 'Q2 without the solution count',
    mix: [['Q2', 1]],
    writes: false,
    documents: {
      ours: `query Q2 { problems(first: ${PAGE}) { edges { cursor node { id title status reportedAt supportCount reporter { displayName } } } pageInfo { hasNextPage endCursor } } }`,
    },
  },
  {
    name: 'Q2-BARE',
    title: 'Q2 without the solution count and the reporter: the page alone',
    mix: [['Q2', 1]],
    writes: false,
    documents: {
      ours: `query Q2 { problems(first: ${PAGE}) { edges { cursor node { id title status reportedAt supportCount } } pageInfo { hasNextPage endCursor } } }`,
    },
  },
  { name: 'Q4', title: 'Q4 as in the main table', mix: [['Q4', 1]], writes: false, documents: {} },
  {
    name: 'Q4-NO-TITLE',
    title: 'Q4 without the solutions’ titles (before the hidden column: without the moderation look-up)',
    mix: [['Q4', 1]],
    writes: false,
    documents: {
      ours: `query Q4($id: ID!) { problem(id: $id) { id title solutions(orderBy: TOP, first: ${TOP_SOLUTIONS}) { edges { node { id upVotes downVotes score proposer { displayName } } } } } }`,
    },
  },
];

/** Targets that serve each operation: the limit only has the reads' SQL. */
export function serves(target: Target, scenario: ScenarioInfo): boolean {
  return target !== 'limit' || !scenario.writes;
}

/**
 * How our API is asked for a problem's solution count: the connection's totalCount (the schema
 * has no count field; the API answers it from problems.solution_count without reading
 * solutions). PostGraphile reads that column as `solutionCount`. The one place to change when
 * the schema gets a count field.
 */
const SOLUTION_COUNT = 'solutions(first: 1) { totalCount }';

/** The figures Q8 asks for (pledges are not in this data set). */
const STATS_FIELDS =
  'reported resolved open medianDaysToResolve medianHoursToFirstOfficialResponse participants votes comments officialResponses outcomes { outcome count } ratings { worked count } ratedProblems workedShare';
/** The same from PostGraphile's function: outcomes and ratings as JSON objects. */
const STATS_FIELDS_PGL =
  'reported resolved open medianDaysToResolve medianHoursToFirstOfficialResponse participants votes comments officialResponses outcomes ratings ratedProblems workedShare';

const OURS: Record<Operation, string> = {
  Q1: `query Q1($id: ID!) { problem(id: $id) { id title description status reportedAt supportCount ${SOLUTION_COUNT} } }`,
  Q2: `query Q2 { problems(first: ${PAGE}) { edges { cursor node { id title status reportedAt supportCount reporter { displayName } ${SOLUTION_COUNT} } } pageInfo { hasNextPage endCursor } } }`,
  Q3: `query Q3($lat: Float!, $lng: Float!, $radius: Float!) { problems(filter: { near: { lat: $lat, lng: $lng, radiusMeters: $radius } }, orderBy: NEAREST, first: ${PAGE}) { edges { cursor node { id title status location { lat lng } supportCount } } pageInfo { hasNextPage endCursor } } }`,
  Q4: `query Q4($id: ID!) { problem(id: $id) { id title solutions(orderBy: TOP, first: ${TOP_SOLUTIONS}) { edges { node { id title upVotes downVotes score proposer { displayName } } } } } }`,
  Q5: `query Q5($search: String!) { problems(filter: { search: $search }, first: ${PAGE}) { edges { cursor node { id title status reportedAt supportCount } } pageInfo { hasNextPage endCursor } } }`,
  Q6: `query Q6($id: ID!) { problem(id: $id) { id title solutions(orderBy: TOP, first: ${TOP_SOLUTIONS}) { edges { node { id title score
    fundingGoal { amountMinor currency } fundingPledged { amountMinor currency }
    capacityNeeds { kind quantity unit pledged }
    matchOffers { organisation { name } cap { amountMinor currency } ratio matched { amountMinor currency } } } } } } }`,
  Q7: `query Q7($assigneeId: ID!) { actions(filter: { assigneeId: $assigneeId, overdue: true }, first: ${PAGE}) { edges { cursor node { id title status progressPercent dueAt overdue problem { id title } } } pageInfo { hasNextPage endCursor } } }`,
  Q8: `query Q8($areaId: ID!, $from: DateTime!, $to: DateTime!) { engagementStats(filter: { areaId: $areaId, from: $from, to: $to }) { ${STATS_FIELDS} } }`,
  M1: 'mutation M1($input: CastVoteInput!) { castVote(input: $input) { id upVotes downVotes score } }',
  M2: 'mutation M2($input: ReportProblemInput!) { reportProblem(input: $input) { id title status supportCount } }',
  M3: 'mutation M3($input: CreatePledgeInput!) { createPledge(input: $input) { id status amount { amountMinor currency } solution { id fundingPledged { amountMinor currency } } } }',
};

const POSTGRAPHILE: Record<Operation, string> = {
  Q1: 'query Q1($id: UUID!) { problemByRowId(rowId: $id) { rowId publicTitle publicDescription status reportedAt supportCount solutionCount } }',
  Q2: `query Q2 { allProblems(first: ${PAGE}, orderBy: [REPORTED_AT_DESC, ROW_ID_DESC]) { edges { cursor node { rowId publicTitle status reportedAt supportCount reporterName solutionCount } } pageInfo { hasNextPage endCursor } } }`,
  Q3: `query Q3($lat: Float!, $lng: Float!, $radius: Float!) { benchPglProblemsNearest(lat: $lat, lng: $lng, radius: $radius, n: ${PAGE + 1}, first: ${PAGE}) { edges { cursor node { rowId publicTitle status publicLat publicLng supportCount } } pageInfo { hasNextPage endCursor } } }`,
  Q4: `query Q4($id: UUID!) { problemByRowId(rowId: $id) { rowId publicTitle solutionsByProblemId(orderBy: [SCORE_DESC, ROW_ID_DESC], first: ${TOP_SOLUTIONS}) { edges { node { rowId publicTitle upVotes downVotes score userByProposerId { displayName } } } } } }`,
  Q5: `query Q5($search: String!) { benchPglProblemsSearch(q: $search, n: ${PAGE + 1}, first: ${PAGE}) { edges { cursor node { rowId publicTitle status reportedAt supportCount } } pageInfo { hasNextPage endCursor } } }`,
  Q6: `query Q6($id: UUID!) { problemByRowId(rowId: $id) { rowId publicTitle solutionsByProblemId(orderBy: [SCORE_DESC, ROW_ID_DESC], first: ${TOP_SOLUTIONS}) { edges { node { rowId publicTitle score
    fundingGoalMinor fundingCurrency fundingPledgedMinor pledgeCurrency
    solutionCapacityNeedsBySolutionId(orderBy: [ROW_ID_ASC]) { nodes { publicKind quantity publicUnit pledged } }
    matchOffersBySolutionId(orderBy: [CREATED_AT_ASC, ROW_ID_ASC]) { nodes { organisationByOrganisationId { name } capMinor currency ratio matchedMinor } } } } } } }`,
  Q7: `query Q7($assigneeId: UUID!) { benchPglOverdueActions(assignee: $assigneeId, n: ${PAGE + 1}, first: ${PAGE}) { edges { cursor node { rowId title status progressPercent dueAt overdue problemByProblemId { rowId publicTitle } } } pageInfo { hasNextPage endCursor } } }`,
  Q8: `query Q8($areaId: UUID!, $from: Datetime!, $to: Datetime!) { benchPglEngagementStats(area: $areaId, fromAt: $from, toAt: $to) { ${STATS_FIELDS_PGL} } }`,
  M1: 'mutation M1($solutionId: UUID!, $vote: String!) { benchPglCastVote(input: { solutionId: $solutionId, vote: $vote }) { result { rowId upVotes downVotes score } } }',
  M3: `mutation M3($solutionId: UUID!, $amountMinor: BigInt!, $currency: String!) {
    benchPglCreatePledge(input: { solutionId: $solutionId, amountMinor: $amountMinor, currency: $currency }) { result { rowId status amountMinor currency solutionBySolutionId { rowId fundingPledgedMinor pledgeCurrency } } } }`,
  M2: `mutation M2($title: String!, $description: String!, $categoryCode: String!, $lat: Float!, $lng: Float!, $address: String, $anonymous: Boolean) {
    benchPglReportProblem(input: { title: $title, description: $description, categoryCode: $categoryCode, lat: $lat, lng: $lng, address: $address, anonymous: $anonymous }) { result { rowId title status supportCount } } }`,
};

/** The variables of one request, drawn from the fixtures. */
export interface Draw {
  op: Operation;
  vars: Record<string, unknown>;
  /** The acting user's token (writes). */
  token?: string;
  /** What a valid answer must show. */
  expect: Record<string, unknown>;
}

export function draw(op: Operation, fixtures: Fixtures, random: Random): Draw {
  switch (op) {
    case 'Q1':
      return { op, vars: { id: random.pick(fixtures.problemIds) }, expect: {} };
    case 'Q2':
      return { op, vars: {}, expect: {} };
    case 'Q3': {
      const p = random.pick(fixtures.points);
      const point = { lat: p.lat + (random.next() - 0.5) * 0.004, lng: p.lng + (random.next() - 0.5) * 0.006 };
      return { op, vars: { ...point, radius: NEAR_RADIUS_METRES }, expect: {} };
    }
    case 'Q4': {
      const problem = random.pick(fixtures.problemsWithSolutions);
      return { op, vars: { id: problem.id }, expect: { solutions: Math.min(TOP_SOLUTIONS, problem.solutions) } };
    }
    case 'Q5':
      return { op, vars: { search: random.pick(fixtures.searchTerms) }, expect: {} };
    case 'Q6': {
      const problem = random.pick(fixtures.problemsWithPledges);
      return { op, vars: { id: problem.id }, expect: { solutions: Math.min(TOP_SOLUTIONS, problem.solutions) } };
    }
    case 'M3': {
      const solution = random.pick(fixtures.pledgeable);
      const user = random.pick(fixtures.users);
      const amountMinor = random.between(100, M3_MAX_MINOR);
      return {
        op,
        vars: { solutionId: solution.id, kind: 'FUNDING', amount: { amountMinor, currency: solution.currency } },
        token: user.token,
        expect: { amountMinor, currency: solution.currency },
      };
    }
    case 'Q7': {
      const workload = random.pick(fixtures.workloads);
      return { op, vars: { assigneeId: workload.officerId }, token: workload.token, expect: { actions: Math.min(PAGE, workload.overdue) } };
    }
    case 'Q8': {
      const area = random.pick(fixtures.statsAreas);
      return { op, vars: { areaId: area.id, ...fixtures.statsPeriod }, expect: { reported: area.reported } };
    }
    case 'M1': {
      const solution = random.pick(fixtures.solutions);
      let user = random.pick(fixtures.users);
      if (user.id === solution.proposerId) user = fixtures.users[(fixtures.users.indexOf(user) + 1) % fixtures.users.length];
      const value = random.chance(0.7) ? 'UP' : 'DOWN';
      return { op, vars: { solutionId: solution.id, value }, token: user.token, expect: { value } };
    }
    case 'M2': {
      const user = random.pick(fixtures.users);
      const { town } = fixtures;
      const category = random.pick(fixtures.categories);
      const issue = random.pick(ISSUES[category] ?? ISSUES.OTHER);
      const place = `${random.pick(WHERE)} ${random.pick(PLACES)}`;
      const vars = {
        title: `${issue} ${place}`,
        description: `${issue} ${place} on ${random.pick(STREETS)} ${random.pick(WHEN)}.`,
        categoryCode: category,
        location: { lat: town.south + random.next() * (town.north - town.south), lng: town.west + random.next() * (town.east - town.west) },
        address: random.chance(0.5) ? `${random.between(1, 200)} ${random.pick(STREETS)}` : null,
        anonymous: random.chance(0.1),
      };
      return { op, vars, token: user.token, expect: {} };
    }
  }
}

/** The HTTP request of a draw for a target (with another GraphQL document for an ablation). */
export function requestBody(target: Target, d: Draw, document?: string): string {
  if (document) return JSON.stringify({ query: document, variables: document.includes('$') ? d.vars : {} });
  if (target === 'limit') return JSON.stringify({ op: d.op, variables: d.vars });
  if (target === 'ours') {
    const variables = d.op === 'M1' || d.op === 'M2' || d.op === 'M3' ? { input: d.vars } : d.vars;
    return JSON.stringify({ query: OURS[d.op], variables });
  }
  let variables: Record<string, unknown> = d.vars;
  if (d.op === 'M1') variables = { solutionId: d.vars.solutionId, vote: d.vars.value };
  if (d.op === 'M3') {
    const amount = d.vars.amount as { amountMinor: number; currency: string };
    variables = { solutionId: d.vars.solutionId, amountMinor: String(amount.amountMinor), currency: amount.currency };
  }
  if (d.op === 'M2') {
    const { location, ...rest } = d.vars as { location: { lat: number; lng: number } };
    variables = { ...rest, lat: location.lat, lng: location.lng };
  }
  return JSON.stringify({ query: POSTGRAPHILE[d.op], variables });
}

export const PATHS: Record<Target, string> = { ours: '/graphql', postgraphile: '/graphql', limit: '/q' };

// ---------------------------------------------------------------------------------------------
// Checking answers: each target's answer is brought to one shape, then checked the same way.

type Json = Record<string, unknown> | null | undefined;
interface Node {
  [key: string]: unknown;
}

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);

function nodes(connection: unknown): Node[] {
  const edges = get(connection, 'edges');
  if (!Array.isArray(edges)) throw new Error('no edges');
  return edges.map((edge) => get(edge, 'node') as Node);
}

/** The answer's data as ours shapes it (ids as `id`, reporter/proposer names, counts). */
function normalise(target: Target, op: Operation, data: Json): Json {
  if (target !== 'postgraphile') {
    const root = {
      Q1: 'problem',
      Q2: 'problems',
      Q3: 'problems',
      Q4: 'problem',
      Q5: 'problems',
      Q6: 'problem',
      Q7: 'actions',
      Q8: 'engagementStats',
      M1: 'castVote',
      M2: 'reportProblem',
      M3: 'createPledge',
    }[op];
    return get(data, root) as Json;
  }
  const rename = (node: Node | null): Node | null => {
    if (!node) return node;
    const {
      rowId,
      solutionsByProblemId,
      solutionCount,
      reporterName,
      publicLat,
      publicLng,
      publicTitle,
      publicDescription,
      userByProposerId,
      fundingGoalMinor,
      fundingCurrency,
      fundingPledgedMinor,
      pledgeCurrency,
      solutionCapacityNeedsBySolutionId,
      matchOffersBySolutionId,
      amountMinor,
      currency,
      solutionBySolutionId,
      problemByProblemId,
      ...rest
    } = node;
    const out: Node = rowId === undefined ? { ...rest } : { id: rowId, ...rest };
    const money = (minor: unknown, code: unknown) => (minor === null || minor === undefined ? null : { amountMinor: Number(minor), currency: code });
    if (fundingCurrency !== undefined) out.fundingGoal = money(fundingGoalMinor, fundingCurrency);
    if (pledgeCurrency !== undefined && fundingPledgedMinor !== undefined) out.fundingPledged = money(fundingPledgedMinor, pledgeCurrency);
    if (solutionCapacityNeedsBySolutionId !== undefined) {
      out.capacityNeeds = (get(solutionCapacityNeedsBySolutionId, 'nodes') as Node[]).map((n) => ({
        kind: n.publicKind,
        quantity: n.quantity,
        unit: n.publicUnit,
        pledged: Number(n.pledged),
      }));
    }
    if (matchOffersBySolutionId !== undefined) {
      out.matchOffers = (get(matchOffersBySolutionId, 'nodes') as Node[]).map((n) => ({
        organisation: n.organisationByOrganisationId,
        cap: money(n.capMinor, n.currency),
        ratio: n.ratio,
        matched: money(n.matchedMinor, n.currency),
      }));
    }
    if (amountMinor !== undefined) out.amount = money(amountMinor, currency);
    if (solutionBySolutionId !== undefined) out.solution = rename(solutionBySolutionId as Node);
    if (solutionsByProblemId !== undefined) {
      out.solutions = get(solutionsByProblemId, 'edges') ? { edges: nodes(solutionsByProblemId).map((n) => ({ node: rename(n) })) } : solutionsByProblemId;
    }
    if (reporterName !== undefined) out.reporter = reporterName === null ? null : { displayName: reporterName };
    if (publicLat !== undefined) out.location = { lat: publicLat, lng: publicLng };
    if (publicTitle !== undefined) out.title = publicTitle;
    if (publicDescription !== undefined) out.description = publicDescription;
    if (solutionCount !== undefined) out.solutions = { totalCount: solutionCount };
    if (userByProposerId !== undefined) out.proposer = userByProposerId;
    if (problemByProblemId !== undefined) out.problem = rename(problemByProblemId as Node);
    return out;
  };
  const connection = (value: unknown) => ({ edges: nodes(value).map((n) => ({ node: rename(n) })), pageInfo: get(value, 'pageInfo') });
  switch (op) {
    case 'Q1':
    case 'Q4':
    case 'Q6':
      return rename(get(data, 'problemByRowId') as Node);
    case 'Q2':
      return connection(get(data, 'allProblems'));
    case 'Q3':
      return connection(get(data, 'benchPglProblemsNearest'));
    case 'Q5':
      return connection(get(data, 'benchPglProblemsSearch'));
    case 'Q7':
      return connection(get(data, 'benchPglOverdueActions'));
    case 'Q8': {
      const stats = get(data, 'benchPglEngagementStats') as Node | null;
      if (!stats) return stats;
      const counts = (value: unknown, key: string) =>
        Object.entries((typeof value === 'string' ? JSON.parse(value) : value) as Record<string, number>).map(([name, count]) => ({ [key]: name, count }));
      return { ...stats, outcomes: counts(stats.outcomes, 'outcome'), ratings: counts(stats.ratings, 'worked') };
    }
    case 'M1':
      return rename(get(data, 'benchPglCastVote', 'result') as Node);
    case 'M2':
      return rename(get(data, 'benchPglReportProblem', 'result') as Node);
    case 'M3':
      return rename(get(data, 'benchPglCreatePledge', 'result') as Node);
  }
}

const isMoney = (value: unknown, min = 0) => isInt(get(value, 'amountMinor'), min) && /^[A-Z]{3}$/.test(String(get(value, 'currency')));

const isInt = (value: unknown, min = 0) => Number.isInteger(value) && (value as number) >= min;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function nonIncreasing(values: number[]): boolean {
  return values.every((v, i) => i === 0 || v <= values[i - 1] + 1e-9);
}

/** For ablations: a 200 with data at the root and no `errors` (the selection differs from the scenario's). */
export function checkLoosely(status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  try {
    const json = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown[] };
    if (json.errors?.length) return `errors: ${JSON.stringify(json.errors).slice(0, 300)}`;
    const roots = Object.values(json.data ?? {});
    return roots.length && roots.every((value) => value !== null && value !== undefined) ? null : `no data: ${body.slice(0, 200)}`;
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
}

export function findScenario(name: string): ScenarioInfo | Ablation | undefined {
  return SCENARIOS.find((s) => s.name === name) ?? ABLATIONS.find((s) => s.name === name);
}

/** Why an answer is wrong, or null when it is right. Any GraphQL `errors` entry is wrong. */
export function checkAnswer(target: Target, d: Draw, status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  let json: { data?: Json; errors?: unknown[] };
  try {
    json = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
  if (json.errors?.length) return `errors: ${JSON.stringify(json.errors).slice(0, 300)}`;
  try {
    const value = normalise(target, d.op, json.data);
    const problem = check(d, value);
    return problem ? `${problem}: ${body.slice(0, 200)}` : null;
  } catch (error) {
    return `${error instanceof Error ? error.message : String(error)}: ${body.slice(0, 200)}`;
  }
}

function check(d: Draw, value: Json): string | null {
  if (!value) return 'no data';
  switch (d.op) {
    case 'Q1': {
      if (value.id !== d.vars.id) return 'wrong problem';
      if (!isInt(value.supportCount, 1)) return 'bad supportCount';
      return isInt(get(value, 'solutions', 'totalCount')) ? null : 'bad solution count';
    }
    case 'Q2': {
      const list = nodes(value);
      if (list.length !== PAGE || get(value, 'pageInfo', 'hasNextPage') !== true) return `expected a full page of ${PAGE}`;
      if (!nonIncreasing(list.map((n) => Date.parse(String(n.reportedAt))))) return 'not newest first';
      for (const n of list) {
        if (!UUID.test(String(n.id)) || !isInt(get(n, 'solutions', 'totalCount'))) return 'bad node';
        if (n.reporter !== null && typeof get(n, 'reporter', 'displayName') !== 'string') return 'bad reporter';
      }
      return null;
    }
    case 'Q3': {
      const list = nodes(value);
      if (list.length < 1 || list.length > PAGE) return `expected 1 to ${PAGE} problems`;
      const point = { lat: d.vars.lat as number, lng: d.vars.lng as number };
      const distances = list.map((n) => distanceMetres(point, get(n, 'location') as { lat: number; lng: number }));
      if (distances.some((m, i) => i > 0 && m < distances[i - 1] - 0.5)) return 'not nearest first';
      return distances.every((m) => m <= NEAR_RADIUS_METRES + 1) ? null : 'outside the radius';
    }
    case 'Q4': {
      if (value.id !== d.vars.id) return 'wrong problem';
      const list = nodes(value.solutions);
      if (list.length !== d.expect.solutions) return `expected ${d.expect.solutions} solutions, got ${list.length}`;
      if (!nonIncreasing(list.map((n) => n.score as number))) return 'not best first';
      for (const n of list) {
        if (!isInt(n.upVotes) || !isInt(n.downVotes) || typeof get(n, 'proposer', 'displayName') !== 'string') return 'bad solution';
      }
      return null;
    }
    case 'Q6': {
      if (value.id !== d.vars.id) return 'wrong problem';
      const list = nodes(value.solutions);
      if (list.length !== d.expect.solutions) return `expected ${d.expect.solutions} solutions, got ${list.length}`;
      if (!nonIncreasing(list.map((n) => n.score as number))) return 'not best first';
      for (const n of list) {
        if (n.fundingGoal !== null && !isMoney(n.fundingGoal, 1)) return 'bad funding goal';
        if (!isMoney(n.fundingPledged)) return 'bad fundingPledged';
        if (n.fundingGoal && get(n.fundingGoal, 'currency') !== get(n.fundingPledged, 'currency')) return 'fundingPledged not in the goal’s currency';
        const needs = n.capacityNeeds as Node[] | undefined;
        if (!Array.isArray(needs) || needs.some((need) => !isInt(need.quantity, 1) || !isInt(need.pledged))) return 'bad capacity needs';
        const offers = n.matchOffers as Node[] | undefined;
        if (!Array.isArray(offers)) return 'no match offers';
        for (const offer of offers) {
          if (typeof get(offer, 'organisation', 'name') !== 'string' || !isInt(offer.ratio, 1) || !isMoney(offer.cap, 1) || !isMoney(offer.matched))
            return 'bad match offer';
          if ((get(offer, 'matched', 'amountMinor') as number) > (get(offer, 'cap', 'amountMinor') as number)) return 'matched past the cap';
        }
      }
      return null;
    }
    case 'Q5': {
      const list = nodes(value);
      if (list.length < 1 || list.length > PAGE) return `expected 1 to ${PAGE} results`;
      return nonIncreasing(list.map((n) => Date.parse(String(n.reportedAt)))) ? null : 'not newest first';
    }
    case 'Q7': {
      const list = nodes(value);
      if (list.length !== d.expect.actions) return `expected ${d.expect.actions} overdue actions, got ${list.length}`;
      const due = list.map((n) => Date.parse(String(n.dueAt)));
      if (due.some((t, i) => !(t < Date.now()) || (i > 0 && t < due[i - 1]))) return 'not overdue, soonest due first';
      for (const n of list) {
        if (n.overdue !== true || !['PLANNED', 'IN_PROGRESS', 'BLOCKED'].includes(String(n.status)) || !UUID.test(String(get(n, 'problem', 'id')))) {
          return 'bad action';
        }
      }
      return null;
    }
    case 'Q8': {
      if (value.reported !== d.expect.reported) return `expected ${d.expect.reported} reported, got ${value.reported}`;
      for (const key of ['resolved', 'open', 'participants', 'votes', 'comments', 'officialResponses', 'ratedProblems']) {
        if (!isInt(value[key])) return `bad ${key}`;
      }
      const outcomes = value.outcomes as { count: number }[];
      const ratings = value.ratings as { count: number }[];
      if (!Array.isArray(outcomes) || !Array.isArray(ratings) || !outcomes.every((o) => isInt(o.count)) || !ratings.every((r) => isInt(r.count))) {
        return 'bad outcomes or ratings';
      }
      const rated = ratings.reduce((n, r) => n + r.count, 0);
      if ((value.ratedProblems as number) > rated) return 'more rated problems than ratings';
      const share = value.workedShare as number | null;
      if (share !== null && !(share >= 0 && share <= 1)) return 'bad workedShare';
      const median = value.medianDaysToResolve as number | null;
      return (value.resolved as number) > 0 === (typeof median === 'number' && median >= 0) ? null : 'bad median';
    }
    case 'M1': {
      if (value.id !== d.vars.solutionId) return 'wrong solution';
      const counter = d.expect.value === 'UP' ? value.upVotes : value.downVotes;
      if (!isInt(counter, 1) || !isInt(value.upVotes) || !isInt(value.downVotes)) return 'the vote is not counted';
      const score = value.score as number;
      return score >= 0 && score <= 1 ? null : 'bad score';
    }
    case 'M2':
      return UUID.test(String(value.id)) && value.status === 'REPORTED' && value.supportCount === 1 ? null : 'not reported';
    case 'M3': {
      if (!UUID.test(String(value.id)) || value.status !== 'PLEDGED') return 'not pledged';
      if (get(value, 'amount', 'amountMinor') !== d.expect.amountMinor || get(value, 'amount', 'currency') !== d.expect.currency) return 'wrong amount';
      if (get(value, 'solution', 'id') !== d.vars.solutionId) return 'wrong solution';
      const pledged = get(value, 'solution', 'fundingPledged');
      return isMoney(pledged, d.expect.amountMinor as number) && get(pledged, 'currency') === d.expect.currency ? null : 'the pledge is not counted';
    }
  }
}
