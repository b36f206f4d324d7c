import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, QueryResultRow } from 'pg';
import { serveChild, serverEnv } from './child';
import { DEFAULT_CURRENCY, LIMIT_SQL } from './limit-sql';
import { OUTCOMES, WORKED } from './stats-sql';

type Vars = Record<string, unknown>;

const PAGE = 20;
const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
const iso = (value: Date) => value.toISOString();

function page<T extends QueryResultRow>(rows: T[], node: (row: T) => object, key: (row: T) => unknown[]) {
  const edges = rows.slice(0, PAGE).map((row) => ({ cursor: cursor(key(row)), node: node(row) }));
  return { edges, pageInfo: { hasNextPage: rows.length > PAGE, endCursor: edges.at(-1)?.cursor ?? null } };
}

/**
 * Named statements are parsed and planned once per connection. BENCH_LIMIT_UNNAMED=1 sends them
 * unnamed (parsed and planned on every execution, as TypeORM does) to measure what that costs.
 */
const NAMED = !['1', 'true'].includes(process.env.BENCH_LIMIT_UNNAMED ?? '');

/** Runs the operation's statement and shapes the answer like our API's. */
async function answer(pool: Pool, op: string, vars: Vars): Promise<unknown> {
  const run = (values: unknown[]) => pool.query(NAMED ? { name: op.toLowerCase(), text: LIMIT_SQL[op], values } : { text: LIMIT_SQL[op], values });
  switch (op) {
    case 'Q1': {
      const [p] = (await run([vars.id])).rows;
      return {
        problem: p
          ? {
              id: p.id,
              title: p.title,
              description: p.description,
              status: p.status,
              reportedAt: iso(p.reported_at),
              supportCount: p.support_count,
              solutions: { totalCount: p.solution_count },
            }
          : null,
      };
    }
    case 'Q2': {
      const { rows } = await run([PAGE + 1]);
      return {
        problems: page(
          rows,
          (p) => ({
            id: p.id,
            title: p.title,
            status: p.status,
            reportedAt: iso(p.reported_at),
            supportCount: p.support_count,
            reporter: p.reporter_name === null ? null : { displayName: p.reporter_name },
            solutions: { totalCount: p.solution_count },
          }),
          (p) => [p.key, p.id],
        ),
      };
    }
    case 'Q3': {
      let { rows } = await run([vars.lat, vars.lng, vars.radius, PAGE + 1]);
      const outside = rows.findIndex((row) => !row.inside);
      if (outside >= 0) rows = rows.slice(0, outside);
      return {
        problems: page(
          rows,
          (p) => ({ id: p.id, title: p.title, status: p.status, location: { lat: p.public_lat, lng: p.public_lng }, supportCount: p.support_count }),
          (p) => [p.key, p.id],
        ),
      };
    }
    case 'Q4': {
      const { rows } = await run([vars.id, 10]);
      if (!rows.length) return { problem: null };
      return {
        problem: {
          id: rows[0].problem_id,
          title: rows[0].problem_title,
          solutions: {
            edges: rows
              .filter((s) => s.id !== null)
              .map((s) => ({
                node: { id: s.id, title: s.title, upVotes: s.up_votes, downVotes: s.down_votes, score: s.score, proposer: { displayName: s.proposer_name } },
              })),
          },
        },
      };
    }
    case 'Q6': {
      const { rows } = await run([vars.id, 10, DEFAULT_CURRENCY]);
      if (!rows.length) return { problem: null };
      const money = (minor: string | number | null, currency: string | null) => (minor === null ? null : { amountMinor: Number(minor), currency });
      return {
        problem: {
          id: rows[0].problem_id,
          title: rows[0].problem_title,
          solutions: {
            edges: rows
              .filter((s) => s.id !== null)
              .map((s) => ({
                node: {
                  id: s.id,
                  title: s.title,
                  score: s.score,
                  fundingGoal: money(s.funding_goal_minor, s.funding_currency),
                  fundingPledged: money(s.funding_pledged_minor, s.pledge_currency),
                  capacityNeeds: (s.needs as { kind: string | null; quantity: number; unit: string | null; pledged: number }[]).map((c) => ({
                    kind: c.kind,
                    quantity: c.quantity,
                    unit: c.unit,
                    pledged: Number(c.pledged),
                  })),
                  matchOffers: (s.offers as { name: string; cap: number; currency: string; ratio: number; matched: number }[]).map((m) => ({
                    organisation: { name: m.name },
                    cap: money(m.cap, m.currency),
                    ratio: m.ratio,
                    matched: money(m.matched, m.currency),
                  })),
                },
              })),
          },
        },
      };
    }
    case 'Q5': {
      const { rows } = await run([vars.search, PAGE + 1]);
      return {
        problems: page(
          rows,
          (p) => ({ id: p.id, title: p.title, status: p.status, reportedAt: iso(p.reported_at), supportCount: p.support_count }),
          (p) => [p.key, p.id],
        ),
      };
    }
    case 'Q7': {
      const { rows } = await run([vars.assigneeId, PAGE + 1]);
      return {
        actions: page(
          rows,
          (a) => ({
            id: a.id,
            title: a.title,
            status: a.status,
            progressPercent: a.progress_percent,
            dueAt: iso(a.due_at),
            overdue: true,
            problem: { id: a.problem_id, title: a.problem_title },
          }),
          (a) => [a.key, a.id],
        ),
      };
    }
    case 'Q8': {
      const [s] = (await run([vars.areaId, vars.from, vars.to])).rows;
      return {
        engagementStats: {
          reported: s.reported,
          resolved: s.resolved,
          open: s.open,
          medianDaysToResolve: s.median_days_to_resolve,
          medianHoursToFirstOfficialResponse: s.median_hours_to_first_official_response,
          participants: s.participants,
          votes: s.votes,
          comments: s.comments,
          officialResponses: s.official_responses,
          outcomes: OUTCOMES.map((outcome) => ({ outcome, count: s.outcomes[outcome] ?? 0 })),
          ratings: WORKED.map((worked) => ({ worked, count: s.ratings[worked] ?? 0 })),
          ratedProblems: s.rated_problems,
          workedShare: s.worked_share,
        },
      };
    }
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

serveChild(async () => {
  const env = serverEnv();
  const pool = new Pool({ connectionString: env.BENCH_DB_URL, max: Number(env.BENCH_POOL_SIZE), application_name: 'bench-limit' });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let status = 200;
    let payload: unknown;
    try {
      const { op, variables } = JSON.parse(await readBody(req)) as { op: string; variables: Vars };
      payload = { data: await answer(pool, op, variables ?? {}) };
    } catch (error) {
      status = 500;
      payload = { errors: [{ message: error instanceof Error ? error.message : String(error) }] };
    }
    const body = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
});
