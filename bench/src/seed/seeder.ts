import { MultiBar, Presets, SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { PasswordService } from '@common-ground/identity';
import { coarsen, LatLng, toPgPolygon } from '@common-ground/problems';
import { wilsonLowerBound } from '@common-ground/solutions';
import { DataSize } from '../config';
import { gcd, Random, uuidV7, WeightedPicker } from '../random';
import { CATEGORY_WEIGHTS, DETAILS, FIRST_NAMES, ISSUES, LAST_NAMES, PLACES, SOLUTION_IDEAS, STREETS, WHEN, WHERE } from './vocabulary';

/** Bumped whenever the generator changes, so cached data sets are rebuilt. */
export const SEEDER_VERSION = 7;

/** The town the data set lives in: ~22 km × 22 km, cut into a grid of areas. */
export const TOWN = { south: 51.65, north: 51.85, west: -1.41, east: -1.09 };
/** Seeded times end here (fixed, so the data set does not depend on the day it is made). */
/** The data set ends here (everything happened before). */
export const END_MS = Date.UTC(2026, 0, 1);
const SPAN_MS = 3 * 365 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
export const BENCH_PASSWORD = 'bench password 0123456789';

/** Tables whose secondary indexes are dropped during the load and rebuilt after (much faster). */
const BULK_TABLES = ['problems', 'problem_supports', 'problem_events', 'solutions', 'solution_votes'];

export interface SeedSummary {
  seconds: number;
  rows: Record<string, number>;
  notes: string[];
}

interface Category {
  code: string;
  sensitive: boolean;
  weight: number;
}

interface ProblemFacts {
  ids: string[];
  reportedAt: Float64Array;
  supportCount: Int32Array;
  reporter: Int32Array;
}

/**
 * Fills an empty, migrated database with a realistic data set made deterministically from
 * `seed`: users, areas with officers, problems with supports and timeline events, solutions and
 * votes, and the responses of problems past ANALYSIS (leads, actions with their logs,
 * assessments, residents' ratings). Counters (support_count, solution_count, up_votes, down_votes, score) are computed from the very rows
 * inserted, and checked afterwards. Without the solutions tables, solutions and votes are skipped.
 */
export async function seedDatabase(
  url: string,
  size: DataSize,
  seed: number,
  log: (line: string) => void,
  options: { plain?: boolean } = {},
): Promise<SeedSummary> {
  const started = Date.now();
  const client = new Client({ connectionString: url, application_name: 'bench-seeder' });
  await client.connect();
  const notes: string[] = [];
  const rows: Record<string, number> = {};
  let barsStopped = false;
  const bars = new MultiBar(
    {
      format: ' {name} |{bar}| {percentage}% {value}/{total} {duration}s',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      barsize: 30,
    },
    Presets.shades_classic,
  );
  try {
    const [{ rolsuper }] = (await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows;
    await client.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'");
    if (options.plain) {
      notes.push('plain load (BENCH_SEED_PLAIN): foreign keys checked and indexes kept during the load');
    } else if (rolsuper) {
      // A bulk load: foreign keys are not checked row by row (the generator only makes valid
      // references; the checks at the end verify the counters).
      await client.query('SET session_replication_role = replica');
    } else {
      notes.push('not a superuser: foreign keys are checked during the load (slower)');
    }
    const hasSolutions = (await client.query("SELECT to_regclass('public.solutions') IS NOT NULL AND to_regclass('public.solution_votes') IS NOT NULL AS ok"))
      .rows[0].ok as boolean;
    if (!hasSolutions && (size.solutions > 0 || size.votes > 0)) {
      const note = 'the solutions tables do not exist yet (libs/solutions has no migration): solutions and votes are skipped';
      notes.push(note);
      log(note);
    }
    const categories: Category[] = (await client.query('SELECT code, sensitive, priority_weight FROM categories ORDER BY sort_order, code')).rows.map(
      (row: { code: string; sensitive: boolean; priority_weight: number }) => ({ code: row.code, sensitive: row.sensitive, weight: row.priority_weight }),
    );
    if (!categories.length) throw new Error('no categories: the migrations seed them; is the schema migrated?');

    const indexes = options.plain ? [] : await dropSecondaryIndexes(client, hasSolutions ? BULK_TABLES : BULK_TABLES.slice(0, 3));
    const users = await seedUsers(client, size, seed, bars);
    rows.users = users.length;
    const areas = await seedAreas(client, size, seed, users);
    rows.areas = areas.count;
    rows.area_officers = areas.officers;
    const problems = await seedProblems(client, size, seed, users, categories, areas.grid, bars);
    rows.problems = problems.ids.length;
    rows.problem_supports = await seedSupports(client, seed, users, problems, bars);
    rows.problem_events = problems.ids.length;
    if (hasSolutions && size.solutions > 0) {
      const solutions = await seedSolutions(client, size, seed, users, problems, bars);
      rows.solutions = solutions.count;
      rows.solution_votes = solutions.votes;
      rows.problem_events += solutions.count;
      const hasPledges = (await client.query("SELECT to_regclass('public.pledges') IS NOT NULL AS ok")).rows[0].ok as boolean;
      if (hasPledges) {
        const pledges = await seedPledges(client, seed, users);
        Object.assign(rows, pledges);
        rows.problem_events += pledges.pledges;
      }
    }
    const hasActions = (await client.query("SELECT to_regclass('public.actions') IS NOT NULL AS ok")).rows[0].ok as boolean;
    if (hasActions) Object.assign(rows, await seedResponses(client, seed));
    const rebuild = bars.create(indexes.length, 0, { name: 'indexes  ' });
    for (const index of indexes) {
      await client.query(index.definition);
      rebuild.increment();
    }
    bars.stop();
    barsStopped = true;
    await client.query('SET session_replication_role = DEFAULT');
    log('VACUUM ANALYZE');
    await client.query('VACUUM ANALYZE');
    return { seconds: (Date.now() - started) / 1000, rows, notes };
  } finally {
    if (!barsStopped) bars.stop();
    await client.end();
  }
}

async function dropSecondaryIndexes(client: Client, tables: string[]): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY t.relname, i.relname`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX public.${client.escapeIdentifier(row.name)}`);
  return rows;
}

/** Inserts rows made batch by batch (in order, so the generator stays deterministic). */
async function insertBatches(
  client: Client,
  bar: SingleBar,
  total: number,
  batchSize: number,
  sql: string,
  makeBatch: (start: number, end: number) => unknown[],
): Promise<void> {
  for (let start = 0; start < total; start += batchSize) {
    const end = Math.min(total, start + batchSize);
    await client.query(sql, makeBatch(start, end));
    bar.update(end);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Users

async function seedUsers(client: Client, size: DataSize, seed: number, bars: MultiBar): Promise<string[]> {
  const random = Random.stream(seed, 'users');
  const passwordHash = await new PasswordService().hash(BENCH_PASSWORD);
  const officers = Math.min(size.users - 1, 2 * size.areas);
  const ids: string[] = [];
  const bar = bars.create(size.users, 0, { name: 'users    ' });
  await insertBatches(
    client,
    bar,
    size.users,
    5_000,
    `INSERT INTO users (id, email, display_name, password_hash, roles, created_at, updated_at)
     SELECT u.id, u.email, u.display_name, $4, string_to_array(u.roles, ',')::user_role[], u.created_at, u.created_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $5::text[], $6::timestamptz[]) AS u(id, email, display_name, roles, created_at)`,
    (start, end) => {
      const cols: [string[], string[], string[], string, string[], string[]] = [[], [], [], passwordHash, [], []];
      for (let i = start; i < end; i++) {
        const created = END_MS - SPAN_MS - 30 * DAY_MS + (i / size.users) * SPAN_MS;
        const id = uuidV7(created, random);
        ids.push(id);
        const roles =
          i === 0
            ? 'RESIDENT,ADMIN'
            : i <= officers
              ? 'RESIDENT,OFFICER'
              : i === officers + 1
                ? 'RESIDENT,SUPERVISOR'
                : i === officers + 2
                  ? 'RESIDENT,MODERATOR'
                  : 'RESIDENT';
        cols[0].push(id);
        cols[1].push(`bench.user${i}@example.org`);
        cols[2].push(i === 0 ? 'Bench Admin' : `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`);
        cols[4].push(roles);
        cols[5].push(iso(created));
      }
      return cols;
    },
  );
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Areas: a grid of rectangles over the town, two officers each

export interface AreaGrid {
  cols: number;
  rows: number;
  ids: (string | null)[];
}

async function seedAreas(client: Client, size: DataSize, seed: number, users: string[]): Promise<{ count: number; officers: number; grid: AreaGrid }> {
  const random = Random.stream(seed, 'areas');
  const cols = Math.ceil(Math.sqrt(size.areas));
  const rows = Math.ceil(size.areas / cols);
  const ids: (string | null)[] = [];
  const names = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Old', 'New', 'Market', 'Canal', 'Park', 'Mill'];
  const values: unknown[][] = [[], [], [], []];
  const officerRows: [string[], string[]] = [[], []];
  const officerCount = Math.min(users.length - 1, 2 * size.areas);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const n = r * cols + c;
      if (n >= size.areas) {
        ids.push(null);
        continue;
      }
      const south = TOWN.south + ((TOWN.north - TOWN.south) * r) / rows;
      const north = TOWN.south + ((TOWN.north - TOWN.south) * (r + 1)) / rows;
      const west = TOWN.west + ((TOWN.east - TOWN.west) * c) / cols;
      const east = TOWN.west + ((TOWN.east - TOWN.west) * (c + 1)) / cols;
      const ring: LatLng[] = [
        { lat: south, lng: west },
        { lat: north, lng: west },
        { lat: north, lng: east },
        { lat: south, lng: east },
        { lat: south, lng: west },
      ];
      const id = uuidV7(END_MS - SPAN_MS - 60 * DAY_MS + n * 1000, random);
      ids.push(id);
      values[0].push(id);
      values[1].push(`${names[n % names.length]} ${STREETS[n % STREETS.length].split(' ')[0]} ${Math.floor(n / names.length) + 1}`);
      values[2].push(toPgPolygon(ring));
      values[3].push(users[0]);
      for (let k = 0; k < 2 && officerCount > 0; k++) {
        officerRows[0].push(id);
        officerRows[1].push(users[1 + ((2 * n + k) % officerCount)]);
      }
    }
  }
  await client.query(
    `INSERT INTO areas (id, name, boundary, created_by_id)
     SELECT a.id, a.name, a.boundary::polygon, a.created_by FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS a(id, name, boundary, created_by)`,
    values,
  );
  await client.query(
    `INSERT INTO area_officers (area_id, user_id, assigned_by_id)
     SELECT o.area_id, o.user_id, $3 FROM unnest($1::uuid[], $2::uuid[]) AS o(area_id, user_id) ON CONFLICT DO NOTHING`,
    [...officerRows, users[0]],
  );
  return { count: values[0].length, officers: officerRows[0].length, grid: { cols, rows, ids } };
}

function areaOf(grid: AreaGrid, point: LatLng): string | null {
  const r = Math.min(grid.rows - 1, Math.floor(((point.lat - TOWN.south) / (TOWN.north - TOWN.south)) * grid.rows));
  const c = Math.min(grid.cols - 1, Math.floor(((point.lng - TOWN.west) / (TOWN.east - TOWN.west)) * grid.cols));
  return grid.ids[r * grid.cols + c] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Problems: clustered around hotspots, newest last, with their REPORTED timeline events

const STATUS_WEIGHTS: [string, number][] = [
  ['REPORTED', 35],
  ['SCANNING', 15],
  ['ANALYSIS', 10],
  ['RESPONSE', 10],
  ['ASSESSMENT', 5],
  ['RESOLVED', 20],
  ['DUPLICATE', 2],
  ['REJECTED', 3],
];

/** How many residents besides the reporter say "me too": mostly none, a long tail of many. */
function extraSupports(random: Random, max: number): number {
  const r = random.next();
  const n = r < 0.6 ? 0 : r < 0.95 ? random.between(1, 3) : r < 0.997 ? random.between(4, 20) : random.between(21, 200);
  return Math.min(n, max);
}

async function seedProblems(
  client: Client,
  size: DataSize,
  seed: number,
  users: string[],
  categories: Category[],
  grid: AreaGrid,
  bars: MultiBar,
): Promise<ProblemFacts> {
  const random = Random.stream(seed, 'problems');
  const N = size.problems;
  const hotspots = Array.from({ length: Math.max(20, Math.min(2_000, Math.round(N / 200))) }, () => ({
    lat: TOWN.south + random.next() * (TOWN.north - TOWN.south),
    lng: TOWN.west + random.next() * (TOWN.east - TOWN.west),
  }));
  const hotspotPicker = new WeightedPicker(hotspots.map((_, i) => 1 / Math.pow(i + 1, 0.8)));
  const categoryPicker = new WeightedPicker(categories.map((c) => CATEGORY_WEIGHTS[c.code] ?? 1));
  const statusPicker = new WeightedPicker(STATUS_WEIGHTS.map(([, w]) => w));
  // A few active residents report much of it.
  const active = Math.max(1, Math.floor(users.length * 0.05));
  const facts: ProblemFacts = { ids: [], reportedAt: new Float64Array(N), supportCount: new Int32Array(N), reporter: new Int32Array(N) };
  const degLat = 1 / 111_000;
  const bar = bars.create(N, 0, { name: 'problems ' });
  await insertBatches(
    client,
    bar,
    N,
    5_000,
    `WITH rows AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::problem_status[], $6::float8[], $7::float8[],
                            $8::float8[], $9::float8[], $10::text[], $11::uuid[], $12::uuid[], $13::bool[], $14::int[], $15::float8[],
                            $16::uuid[], $17::text[], $18::timestamptz[], $19::timestamptz[], $20::uuid[], $21::uuid[])
         AS t(id, title, description, category_code, status, lat, lng, public_lat, public_lng, address, area_id, reporter_id,
              anonymous, support_count, category_weight, duplicate_of_id, status_note, status_changed_at, reported_at, event_id,
              public_area_id)
     ), problems_in AS (
       INSERT INTO problems (id, title, description, category_code, status, lat, lng, public_lat, public_lng, location_earth, public_earth,
                             address, area_id, public_area_id, reporter_id, anonymous, support_count, category_weight, duplicate_of_id,
                             status_note, status_changed_at, reported_at, updated_at)
       SELECT id, title, description, category_code, status, lat, lng, public_lat, public_lng, ll_to_earth(lat, lng),
              ll_to_earth(public_lat, public_lng), address, area_id, public_area_id, reporter_id, anonymous, support_count,
              category_weight, duplicate_of_id, status_note, status_changed_at, reported_at, status_changed_at
         FROM rows
     )
     INSERT INTO problem_events (id, problem_id, at, kind, actor_id, to_status)
     SELECT event_id, id, reported_at, 'REPORTED', reporter_id, 'REPORTED' FROM rows`,
    (start, end) => {
      const cols: unknown[][] = Array.from({ length: 21 }, () => []);
      for (let i = start; i < end; i++) {
        const reportedAt = END_MS - SPAN_MS + ((i + random.next()) / N) * SPAN_MS;
        const id = uuidV7(reportedAt, random);
        const category = categories[categoryPicker.pick(random)];
        let point: LatLng;
        if (random.chance(0.75)) {
          const h = hotspots[hotspotPicker.pick(random)];
          const sigma = 250 * degLat;
          point = { lat: h.lat + random.normal() * sigma, lng: h.lng + (random.normal() * sigma) / Math.cos((h.lat * Math.PI) / 180) };
        } else {
          point = { lat: TOWN.south + random.next() * (TOWN.north - TOWN.south), lng: TOWN.west + random.next() * (TOWN.east - TOWN.west) };
        }
        point.lat = Math.min(TOWN.north - 1e-6, Math.max(TOWN.south + 1e-6, point.lat));
        point.lng = Math.min(TOWN.east - 1e-6, Math.max(TOWN.west + 1e-6, point.lng));
        const shown = category.sensitive ? coarsen(point) : point;
        const reporter = random.chance(0.3) ? random.int(active) : random.int(users.length);
        const extra = extraSupports(random, users.length - 1);
        let status = STATUS_WEIGHTS[statusPicker.pick(random)][0];
        let duplicateOf: string | null = null;
        if (status === 'DUPLICATE') {
          // Points at an earlier problem (ids so far are problems 0..i-1).
          if (facts.ids.length > 0) duplicateOf = facts.ids[random.int(facts.ids.length)];
          else status = 'REPORTED';
        }
        const changedAt = status === 'REPORTED' ? reportedAt : Math.min(END_MS, reportedAt + random.next() * 40 * DAY_MS);
        const issue = random.pick(ISSUES[category.code] ?? ISSUES.OTHER);
        const where = `${random.pick(WHERE)} ${random.pick(PLACES)}`;
        const street = random.pick(STREETS);
        const when = random.pick(WHEN);
        const title = `${issue} ${where}${random.chance(0.5) ? ` on ${street}` : ''}${random.chance(0.5) ? ` ${when}` : ''}`;
        const description = `${issue} ${where} on ${street} ${when}. ${random.pick(DETAILS)} ${random.pick(DETAILS)}`;
        facts.ids.push(id);
        facts.reportedAt[i] = reportedAt;
        facts.supportCount[i] = 1 + extra;
        facts.reporter[i] = reporter;
        const row = [
          id,
          title,
          description,
          category.code,
          status,
          point.lat,
          point.lng,
          shown.lat,
          shown.lng,
          random.chance(0.6) ? `${random.between(1, 250)} ${street}` : null,
          areaOf(grid, point),
          users[reporter],
          random.chance(0.1),
          1 + extra,
          category.weight,
          duplicateOf,
          status === 'REJECTED' ? 'Referred to the council' : null,
          iso(changedAt),
          iso(reportedAt),
          uuidV7(reportedAt, random),
          areaOf(grid, shown),
        ];
        row.forEach((value, k) => cols[k].push(value));
      }
      return cols;
    },
  );
  return facts;
}

/** Supporters of each problem: the reporter, then distinct others (a stride through the users). */
async function seedSupports(client: Client, seed: number, users: string[], problems: ProblemFacts, bars: MultiBar): Promise<number> {
  const random = Random.stream(seed, 'supports');
  const U = users.length;
  const strides = coprimeStrides(U);
  let total = 0;
  for (const count of problems.supportCount) total += count;
  const bar = bars.create(total, 0, { name: 'supports ' });
  let problem = 0;
  let k = 0;
  let stride = strides[0];
  let done = 0;
  const batch = 50_000;
  while (done < total) {
    const size = Math.min(batch, total - done);
    const cols: [string[], string[], string[]] = [[], [], []];
    for (let n = 0; n < size; n++) {
      if (k === 0) stride = random.pick(strides);
      const user = (problems.reporter[problem] + k * stride) % U;
      const at = k === 0 ? problems.reportedAt[problem] : Math.min(END_MS, problems.reportedAt[problem] + random.next() * 30 * DAY_MS);
      cols[0].push(problems.ids[problem]);
      cols[1].push(users[user]);
      cols[2].push(iso(at));
      if (++k === problems.supportCount[problem]) {
        k = 0;
        problem++;
      }
    }
    await client.query('INSERT INTO problem_supports (problem_id, user_id, created_at) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])', cols);
    done += size;
    bar.update(done);
  }
  return total;
}

/** Steps that visit every user once (coprime with the user count), so k·stride never repeats for k < U. */
function coprimeStrides(U: number): number[] {
  const candidates = [7_919, 104_729, 15_485_863, 32_452_843, 49_979_687, 67_867_967, 86_028_121, 104_395_301];
  const strides = candidates.map((p) => p % U).filter((s) => s > 0 && gcd(s, U) === 1);
  return strides.length ? strides : [1];
}

// ---------------------------------------------------------------------------------------------
// Solutions and votes: popular problems get more proposals; votes follow a long tail

const SOLUTION_STATUS_WEIGHTS: [string, number][] = [
  ['PROPOSED', 75],
  ['SHORTLISTED', 10],
  ['ADOPTED', 6],
  ['REJECTED', 6],
  ['IMPLEMENTED', 3],
];

async function seedSolutions(
  client: Client,
  size: DataSize,
  seed: number,
  users: string[],
  problems: ProblemFacts,
  bars: MultiBar,
): Promise<{ count: number; votes: number }> {
  const random = Random.stream(seed, 'solutions');
  const S = size.solutions;
  const U = users.length;
  const popularity = new Float64Array(problems.ids.length);
  problems.supportCount.forEach((count, i) => (popularity[i] = Math.pow(count, 1.5)));
  const problemPicker = new WeightedPicker(popularity);
  const statusPicker = new WeightedPicker(SOLUTION_STATUS_WEIGHTS.map(([, w]) => w));
  const strides = coprimeStrides(U);

  // Vote counts per solution: a log-normal spread scaled to the exact total, each below U.
  const weights = Float64Array.from({ length: S }, () => Math.exp(1.3 * random.normal()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const maxVotes = U - 1;
  const voteCount = new Int32Array(S);
  let assigned = 0;
  for (let j = 0; j < S; j++) {
    voteCount[j] = Math.min(maxVotes, Math.floor((size.votes * weights[j]) / sum));
    assigned += voteCount[j];
  }
  const target = Math.min(size.votes, S * maxVotes);
  for (let guard = 0; assigned < target && guard < 100 * S + target; guard++) {
    const j = random.int(S);
    if (voteCount[j] < maxVotes) {
      voteCount[j]++;
      assigned++;
    }
  }

  const problemOf = new Int32Array(S);
  const proposer = new Int32Array(S);
  const stride = new Int32Array(S);
  const createdAt = new Float64Array(S);
  const quality = new Float64Array(S);
  const ids: string[] = [];
  const up = new Int32Array(S);
  for (let j = 0; j < S; j++) {
    problemOf[j] = problemPicker.pick(random);
    proposer[j] = random.int(U);
    stride[j] = random.pick(strides);
    createdAt[j] = Math.min(END_MS, problems.reportedAt[problemOf[j]] + random.next() * 60 * DAY_MS);
    quality[j] = 0.15 + 0.8 * random.next();
  }
  // Every vote's value, drawn up front so the counters go in with the solution rows.
  const values = new Int8Array(assigned);
  let v = 0;
  for (let j = 0; j < S; j++) {
    for (let k = 0; k < voteCount[j]; k++) {
      values[v] = random.chance(quality[j]) ? 1 : -1;
      if (values[v] === 1) up[j]++;
      v++;
    }
  }

  const bar = bars.create(S, 0, { name: 'solutions' });
  await insertBatches(
    client,
    bar,
    S,
    5_000,
    `WITH rows AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::solution_status[], $7::text[],
                            $8::int[], $9::int[], $10::float8[], $11::bigint[], $12::text[], $13::timestamptz[], $14::uuid[])
         AS t(id, problem_id, title, description, proposer_id, status, status_note, up_votes, down_votes, score,
              funding_goal_minor, funding_currency, created_at, event_id)
     ), solutions_in AS (
       INSERT INTO solutions (id, problem_id, title, description, proposer_id, status, status_note, up_votes, down_votes, score,
                              funding_goal_minor, funding_currency, created_at, updated_at)
       SELECT id, problem_id, title, description, proposer_id, status, status_note, up_votes, down_votes, score,
              funding_goal_minor, funding_currency, created_at, created_at
         FROM rows
     )
     INSERT INTO problem_events (id, problem_id, at, kind, actor_id, subject_id)
     SELECT event_id, problem_id, created_at, 'SOLUTION_PROPOSED', proposer_id, id FROM rows`,
    (start, end) => {
      const cols: unknown[][] = Array.from({ length: 14 }, () => []);
      for (let j = start; j < end; j++) {
        const id = uuidV7(createdAt[j], random);
        ids.push(id);
        const status = SOLUTION_STATUS_WEIGHTS[statusPicker.pick(random)][0];
        const idea = random.pick(SOLUTION_IDEAS);
        const funded = random.chance(0.15);
        const down = voteCount[j] - up[j];
        const row = [
          id,
          problems.ids[problemOf[j]],
          `${idea} ${random.pick(WHERE)} ${random.pick(PLACES)}`,
          `${idea}. ${random.pick(DETAILS)} This would help residents feel safe again.`,
          users[proposer[j]],
          status,
          status === 'REJECTED' ? 'Not feasible this year' : null,
          up[j],
          down,
          wilsonLowerBound(up[j], down),
          funded ? random.between(10, 2_000) * 1_000 : null,
          funded ? 'GBP' : null,
          iso(createdAt[j]),
          uuidV7(createdAt[j], random),
        ];
        row.forEach((value, k) => cols[k].push(value));
      }
      return cols;
    },
  );

  // problems.solution_count, as proposeSolution keeps it.
  await client.query(
    `UPDATE problems p SET solution_count = s.n FROM (SELECT problem_id, count(*)::int AS n FROM solutions GROUP BY problem_id) s
      WHERE s.problem_id = p.id`,
  );

  const votesBar = bars.create(assigned, 0, { name: 'votes    ' });
  const voteRandom = Random.stream(seed, 'vote-times');
  let solution = 0;
  let k = 0;
  let done = 0;
  while (done < assigned) {
    const size = Math.min(50_000, assigned - done);
    const cols: [string[], string[], number[], string[]] = [[], [], [], []];
    for (let n = 0; n < size; n++) {
      while (k >= voteCount[solution]) {
        solution++;
        k = 0;
      }
      // k + 1 from 1: never the proposer, every voter distinct.
      const user = (proposer[solution] + (k + 1) * stride[solution]) % U;
      cols[0].push(ids[solution]);
      cols[1].push(users[user]);
      cols[2].push(values[done + n]);
      cols[3].push(iso(Math.min(END_MS, createdAt[solution] + voteRandom.next() * 30 * DAY_MS)));
      k++;
    }
    await client.query(
      `INSERT INTO solution_votes (solution_id, user_id, value, created_at, updated_at)
       SELECT s, u, v, t, t FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::timestamptz[]) AS x(s, u, v, t)`,
      cols,
    );
    done += size;
    votesBar.update(done);
  }
  return { count: S, votes: assigned };
}

/** How many organisations pledge and offer match funding. */
const ORGANISATIONS = 60;

/**
 * Pledges, made in SQL from the solutions just seeded and deterministic in `seed` (every choice is
 * a hash of the row and the seed): organisations with their owners; capacity needs on a fifth of
 * the solutions; on every solution with a funding goal or a need, 3 to 7 pledges (about 5),
 * money in the goal's currency (GBP without one) or volunteer hours toward its first need, a
 * tenth on behalf of an organisation by its owner, fulfilled, withdrawn or open (released on a
 * rejected solution), each with its history row and its PLEDGE_MADE timeline event; match offers
 * on a quarter of the open funded solutions, made after every seeded pledge (so they have matched
 * nothing yet: M3's pledges are matched by the app). The totals on the solutions' rows are then
 * summed from these very rows, as the app keeps them.
 */
async function seedPledges(
  client: Client,
  seed: number,
  users: string[],
): Promise<{ organisations: number; solution_capacity_needs: number; pledges: number; pledge_changes: number; match_offers: number }> {
  const hash = (expr: string) => `(('x' || substr(md5((${expr}) || ':${seed}'), 1, 8))::bit(32)::int & 2147483647)`;
  const end = iso(END_MS);
  const orgs = await client.query(
    `INSERT INTO organisations (id, name, description, website, created_by_id, created_at)
     SELECT md5('organisation:' || g || ':${seed}')::uuid, 'Neighbourhood fund ' || g, 'Neighbours who fund and carry out local answers.', NULL,
            ($1::uuid[])[1 + (g * 7919) % cardinality($1::uuid[])], $2::timestamptz - interval '400 days'
       FROM generate_series(1, ${ORGANISATIONS}) g`,
    [users, end],
  );
  await client.query(
    `INSERT INTO organisation_members (organisation_id, user_id, role, created_at)
     SELECT id, created_by_id, 'OWNER', created_at FROM organisations WHERE name LIKE 'Neighbourhood fund %'`,
  );
  const needs = await client.query(
    `INSERT INTO solution_capacity_needs (id, solution_id, kind, quantity, unit)
     SELECT md5('need:' || s.id)::uuid, s.id, 'VOLUNTEER_HOURS', 10 + ${hash("'need' || s.id")} % 190, 'hours'
       FROM solutions s WHERE ${hash("'needs' || s.id")} % 5 = 0`,
  );
  const pledges = await client.query(
    `WITH orgs AS (SELECT id, created_by_id, row_number() OVER (ORDER BY id) AS n FROM organisations WHERE name LIKE 'Neighbourhood fund %'),
     targets AS (
       SELECT s.id, s.problem_id, s.status, s.created_at, coalesce(s.funding_currency, 'GBP') AS currency, c.id AS need_id
         FROM solutions s LEFT JOIN solution_capacity_needs c ON c.solution_id = s.id
        WHERE s.funding_goal_minor IS NOT NULL OR c.id IS NOT NULL
     ),
     draws AS (
       SELECT t.*, k, ${hash("'pledge' || t.id || ':' || k")} AS h, ${hash("'status' || t.id || ':' || k")} AS hs
         FROM targets t CROSS JOIN LATERAL generate_series(1, 3 + ${hash("'count' || t.id")} % 5) k
     ),
     rows AS (
       SELECT md5('pledge:' || d.id || ':' || d.k || ':${seed}')::uuid AS id, d.id AS solution_id, d.problem_id,
              (d.need_id IS NOT NULL AND d.k % 3 = 0) AS capacity, d.currency, d.need_id, d.h,
              CASE WHEN d.h % 10 = 0 THEN o.id END AS organisation_id,
              CASE WHEN d.h % 10 = 0 THEN o.created_by_id ELSE ($1::uuid[])[1 + d.h % cardinality($1::uuid[])] END AS pledged_by_id,
              CASE WHEN d.status = 'REJECTED' THEN 'RELEASED' WHEN d.hs % 10 < 2 THEN 'FULFILLED' WHEN d.hs % 10 = 2 THEN 'WITHDRAWN' ELSE 'PLEDGED' END::pledge_status AS status,
              least(d.created_at + make_interval(secs => d.h % (40 * 86400)), $2::timestamptz) AS created_at
         FROM draws d JOIN orgs o ON o.n = 1 + d.h % ${ORGANISATIONS}
     ),
     pledges_in AS (
       INSERT INTO pledges (id, solution_id, kind, amount_minor, currency, capacity_kind, quantity, unit, capacity_need_id,
                            pledged_by_id, organisation_id, status, fulfilled_at, created_at, updated_at)
       SELECT id, solution_id, CASE WHEN capacity THEN 'CAPACITY' ELSE 'FUNDING' END::pledge_kind,
              CASE WHEN capacity THEN NULL ELSE (5 + h % 496) * 100 END, CASE WHEN capacity THEN NULL ELSE currency END,
              CASE WHEN capacity THEN 'VOLUNTEER_HOURS'::pledge_capacity_kind END, CASE WHEN capacity THEN 1 + h % 20 END,
              CASE WHEN capacity THEN 'hours' END, CASE WHEN capacity THEN need_id END,
              pledged_by_id, organisation_id, status, CASE WHEN status = 'FULFILLED' THEN created_at END, created_at, created_at
         FROM rows
       RETURNING id, solution_id, kind, amount_minor, currency, quantity, pledged_by_id, status, created_at
     ),
     events AS (
       INSERT INTO problem_events (id, problem_id, at, kind, actor_id, note, subject_id)
       SELECT md5('pledge-event:' || p.id)::uuid, r.problem_id, p.created_at, 'PLEDGE_MADE', p.pledged_by_id,
              CASE WHEN p.kind = 'FUNDING' THEN (p.amount_minor / 100)::text || '.' || lpad((p.amount_minor % 100)::text, 2, '0') || ' ' || p.currency
                   ELSE p.quantity::text || ' hours VOLUNTEER_HOURS' END,
              p.id
         FROM pledges_in p JOIN rows r ON r.id = p.id
     )
     INSERT INTO pledge_changes (id, pledge_id, actor_id, from_status, to_status, at)
     SELECT md5('made:' || id)::uuid, id, pledged_by_id, NULL::pledge_status, 'PLEDGED'::pledge_status, created_at FROM pledges_in
     UNION ALL
     SELECT md5('moved:' || id)::uuid, id, CASE WHEN status = 'WITHDRAWN' THEN pledged_by_id END, 'PLEDGED'::pledge_status, status, created_at
       FROM pledges_in WHERE status <> 'PLEDGED'`,
    [users, end],
  );
  const offers = await client.query(
    `WITH orgs AS (SELECT id, created_by_id, row_number() OVER (ORDER BY id) AS n FROM organisations WHERE name LIKE 'Neighbourhood fund %')
     INSERT INTO match_offers (id, solution_id, organisation_id, offered_by_id, cap_minor, currency, ratio, matched_minor, created_at)
     SELECT md5('offer:' || s.id || ':${seed}')::uuid, s.id, o.id, o.created_by_id, greatest(100, s.funding_goal_minor / 4), s.funding_currency,
            1 + ${hash("'ratio' || s.id")} % 2, 0, $1::timestamptz
       FROM solutions s JOIN orgs o ON o.n = 1 + ${hash("'offerer' || s.id")} % ${ORGANISATIONS}
      WHERE s.funding_goal_minor IS NOT NULL AND s.status NOT IN ('REJECTED', 'IMPLEMENTED') AND ${hash("'offer' || s.id")} % 4 = 0`,
    [end],
  );
  const counted = "status IN ('PLEDGED', 'FULFILLED')";
  await client.query(
    `UPDATE solutions s SET funding_pledged_minor = t.pledged, funding_fulfilled_minor = t.fulfilled
       FROM (SELECT solution_id, coalesce(sum(amount_minor) FILTER (WHERE ${counted}), 0) AS pledged,
                    coalesce(sum(amount_minor) FILTER (WHERE status = 'FULFILLED'), 0) AS fulfilled
               FROM pledges WHERE kind = 'FUNDING' GROUP BY solution_id) t
      WHERE t.solution_id = s.id`,
  );
  await client.query(
    `UPDATE solution_capacity_needs c SET pledged = t.pledged, fulfilled = t.fulfilled
       FROM (SELECT capacity_need_id, coalesce(sum(quantity) FILTER (WHERE ${counted}), 0) AS pledged,
                    coalesce(sum(quantity) FILTER (WHERE status = 'FULFILLED'), 0) AS fulfilled
               FROM pledges WHERE capacity_need_id IS NOT NULL GROUP BY capacity_need_id) t
      WHERE t.capacity_need_id = c.id`,
  );
  const [{ n: pledgeCount }] = (await client.query('SELECT count(*)::int AS n FROM pledges')).rows;
  return {
    organisations: orgs.rowCount ?? 0,
    solution_capacity_needs: needs.rowCount ?? 0,
    pledges: pledgeCount,
    pledge_changes: pledges.rowCount ?? 0,
    match_offers: offers.rowCount ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Responses: the actions of problems in RESPONSE, ASSESSMENT and RESOLVED, assigned to their
// area's officers, with a log entry each once started; leads; assessments and ratings of the
// assessed ones. Made in SQL from the problems already there, deterministically: every choice is
// a hash of the row's id and the seed. The data set ends on 2026-01-01, so every action still
// open is overdue.

async function seedResponses(client: Client, seed: number): Promise<Record<string, number>> {
  const h = (salt: string, of = 'p.id') => `('x' || substr(md5(${of}::text || '${seed}:${salt}'), 1, 7))::bit(28)::int`;
  const id = (salt: string, of = 'p.id') => `md5(${of}::text || '${seed}:${salt}')::uuid`;
  const actions = await client.query(
    `INSERT INTO actions (id, problem_id, area_id, public_area_id, title, description, status, progress_percent, visibility, due_at,
                          assignee_id, created_by_id, created_at, updated_at, finished_at)
     SELECT a.id, a.problem_id, a.area_id, a.public_area_id, a.title, '', a.status::action_status,
            CASE a.status WHEN 'DONE' THEN 100 WHEN 'PLANNED' THEN 0 ELSE a.r % 90 + 5 END,
            CASE WHEN a.r % 10 = 0 THEN 'INTERNAL' ELSE 'PUBLIC' END::action_visibility,
            CASE WHEN a.r % 10 = 1 THEN NULL ELSE a.created_at + make_interval(days => 3 + a.r % 60) END,
            a.officer, a.officer, a.created_at, a.created_at,
            CASE WHEN a.status IN ('DONE', 'CANCELLED') THEN a.created_at + make_interval(days => 1 + a.r % 30) END
       FROM (
         SELECT ${id('action', 'p.id::text || k')} AS id, p.id AS problem_id, p.area_id, p.public_area_id, p.status_changed_at AS created_at,
                (ARRAY['Patrol the hotspot at the busy hours', 'Visit the neighbours and the shops', 'Ask the council to fix the lighting',
                       'Meet the landlord about the empty unit', 'Check the cameras for the last month'])[1 + ${h('title', 'p.id::text || k')} % 5] AS title,
                ${h('r', 'p.id::text || k')} AS r,
                CASE WHEN p.status = 'RESPONSE'
                     THEN (ARRAY['PLANNED', 'PLANNED', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'DONE', 'CANCELLED'])[1 + ${h('s', 'p.id::text || k')} % 10]
                     ELSE (ARRAY['DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'CANCELLED'])[1 + ${h('s', 'p.id::text || k')} % 10]
                END AS status,
                o.user_id AS officer
           FROM problems p
           CROSS JOIN LATERAL generate_series(1, 1 + ${h('n')} % 3) AS k
           CROSS JOIN LATERAL (SELECT ao.user_id FROM area_officers ao WHERE ao.area_id = p.area_id
                                ORDER BY md5(ao.user_id::text || p.id::text || k) LIMIT 1) o
          WHERE p.status IN ('RESPONSE', 'ASSESSMENT', 'RESOLVED')
       ) a`,
  );
  const updates = await client.query(
    `INSERT INTO action_updates (id, action_id, author_id, at, note, status, progress_percent, due_at)
     SELECT ${id('update', 'a.id')}, a.id, a.assignee_id, coalesce(a.finished_at, a.created_at + interval '1 day'), 'On it', a.status, a.progress_percent, a.due_at
       FROM actions a WHERE a.status <> 'PLANNED'`,
  );
  await client.query(
    `UPDATE problems p SET response_progress = x.progress, lead_officer_id = x.lead
       FROM (SELECT problem_id, round(avg(progress_percent) FILTER (WHERE status <> 'CANCELLED'))::int AS progress,
                    (array_agg(assignee_id ORDER BY id))[1] AS lead
               FROM actions GROUP BY problem_id) x
      WHERE p.id = x.problem_id`,
  );
  const assessments = await client.query(
    `INSERT INTO problem_assessments (id, problem_id, public_area_id, outcome, summary, metrics, current, assessed_by_id, assessed_at)
     SELECT ${id('assessment')}, p.id, p.public_area_id,
            (ARRAY['RESOLVED', 'RESOLVED', 'IMPROVED', 'IMPROVED', 'IMPROVED', 'NO_CHANGE', 'NO_CHANGE', 'WORSENED', 'DISPLACED', 'DISPLACED'])[1 + ${h('o')} % 10]::assessment_outcome,
            'Assessed against the month before the response.',
            jsonb_build_array(jsonb_build_object('name', 'Reports per month', 'before', 2 + ${h('b')} % 10, 'after', ${h('a')} % 6, 'unit', 'reports', 'period', null)),
            true, coalesce(p.lead_officer_id, p.reporter_id), p.status_changed_at - interval '1 hour'
       FROM problems p WHERE p.status IN ('ASSESSMENT', 'RESOLVED')`,
  );
  const ratings = await client.query(
    `INSERT INTO outcome_ratings (problem_id, user_id, worked, comment, created_at, rated_at, updated_at)
     SELECT s.problem_id, s.user_id, (ARRAY['YES', 'YES', 'YES', 'PARTLY', 'PARTLY', 'NO'])[1 + ${h('w', 's.problem_id::text || s.user_id')} % 6]::outcome_worked,
            NULL, p.status_changed_at, p.status_changed_at, p.status_changed_at
       FROM problem_supports s JOIN problems p ON p.id = s.problem_id
      WHERE p.status IN ('ASSESSMENT', 'RESOLVED') AND ${h('rated', 's.problem_id::text || s.user_id')} % 10 < 4`,
  );
  return {
    actions: actions.rowCount ?? 0,
    action_updates: updates.rowCount ?? 0,
    problem_assessments: assessments.rowCount ?? 0,
    outcome_ratings: ratings.rowCount ?? 0,
  };
}
