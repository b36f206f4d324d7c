import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { ApiProcess, GraphQLAnswer } from './api-process';

export interface LoadUser {
  id: string;
  token: string;
}

/** A reportProblem the API acknowledged: its key, the id it answered, and how many tries it took. */
export interface Acknowledged {
  userId: string;
  key: string;
  title: string;
  id: string;
  attempts: number;
}

/** What a request got, when it was not an acknowledgement. */
export interface Refusal {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  message: string;
  /** The error reference of an INTERNAL_SERVER_ERROR or SERVICE_UNAVAILABLE (to find it in the log). */
  reference?: string;
}

export interface LoadLimits {
  /** Requests in all, retries included: the load stops when they are spent. */
  maxRequests: number;
  /** The load stops this long after it started, whatever happens. */
  maxDurationMs: number;
  /** Pause between two tries of one key (a client's back-off). */
  retryPauseMs: number;
  /** A request unanswered this long counts as no answer. */
  requestTimeoutMs: number;
}

const REPORT = /* GraphQL */ `
  mutation Report($input: ReportProblemInput!) {
    reportProblem(input: $input) {
      id
      title
    }
  }
`;

/**
 * A bounded write load: one worker per user, each reporting problems one after another, each with
 * its own Idempotency-Key, and retrying that key until the API acknowledges it. It stops by
 * itself when `stop()` is called and every started key is acknowledged, when its requests are
 * spent, or at its time limit. It records every acknowledgement and every refusal.
 */
export class WriteLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly refusals: Refusal[] = [];
  /** Keys given up on at a limit, unacknowledged: they may or may not exist. */
  readonly abandoned: { userId: string; key: string; title: string }[] = [];
  /** Requests that got no HTTP answer at all (connection refused or reset, or timed out). */
  readonly unanswered: string[] = [];
  private requests = 0;
  private stopping = false;
  private waiters: { target: number; resolve: () => void }[] = [];
  private ended = false;
  private readonly deadline: number;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly api: ApiProcess,
    users: readonly LoadUser[],
    private readonly limits: LoadLimits,
  ) {
    this.deadline = Date.now() + limits.maxDurationMs;
    this.workers = users.map((user, n) => this.work(user, n));
    void Promise.all(this.workers).then(() => {
      this.ended = true;
      this.wake(true);
    });
  }

  get requestCount(): number {
    return this.requests;
  }

  /** Resolves once `count` more writes are acknowledged (or the load ended). */
  acknowledgedMore(count: number): Promise<void> {
    const target = this.acknowledged.length + count;
    return new Promise((resolve) => {
      this.waiters.push({ target, resolve });
      this.wake(this.ended);
    });
  }

  private wake(ended: boolean): void {
    const ready = this.waiters.filter((waiter) => ended || this.acknowledged.length >= waiter.target);
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve();
  }

  /** Asks the workers to finish their current key and end; resolves when they have. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
  }

  private exhausted(): boolean {
    return this.requests >= this.limits.maxRequests || Date.now() >= this.deadline;
  }

  private async work(user: LoadUser, worker: number): Promise<void> {
    for (let n = 1; !this.stopping && !this.exhausted(); n++) {
      const key = randomUUID();
      const title = `Fault load ${worker}-${n} ${key.slice(0, 8)}`;
      const input = { title, description: 'Written while the database fails.', categoryCode: 'ENVIRONMENT', location: { lat: 53.48, lng: -2.24 } };
      for (let attempt = 1; ; attempt++) {
        if (this.exhausted()) {
          this.abandoned.push({ userId: user.id, key, title });
          return;
        }
        this.requests++;
        const answer = await this.send(user, input, key);
        const id = answer?.data?.reportProblem?.id;
        if (id) {
          this.acknowledged.push({ userId: user.id, key, title, id, attempts: attempt });
          this.wake(false);
          break;
        }
        if (answer) {
          const error = answer.errors?.[0];
          const reference = error?.extensions?.reference;
          this.refusals.push({
            status: answer.status,
            code: error?.extensions?.code,
            retryAfter: answer.retryAfter,
            message: error?.message ?? '',
            reference: typeof reference === 'string' ? reference : undefined,
          });
        }
        await pause(this.limits.retryPauseMs);
      }
    }
  }

  private async send(user: LoadUser, input: Record<string, unknown>, key: string): Promise<GraphQLAnswer<{ reportProblem: { id: string } }> | null> {
    try {
      return await this.api.graphql<{ reportProblem: { id: string } }>(
        REPORT,
        { input },
        {
          token: user.token,
          idempotencyKey: key,
          timeoutMs: this.limits.requestTimeoutMs,
        },
      );
    } catch (error) {
      this.unanswered.push((error as Error).message);
      return null;
    }
  }
}
