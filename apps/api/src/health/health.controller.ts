import { Controller, Get, HttpStatus, Logger, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Auth } from '@common-ground/shared/auth';
import { classifyDatabaseError } from '@common-ground/shared/database';
import { Lifecycle } from './lifecycle';

/** The longest readiness waits for the database's answer (load balancers time health checks out). */
const PING_TIMEOUT_MS = 2000;

/**
 * What readiness sets on the response, the same under Express (`res.status().header()`) and
 * Fastify (`reply.status().header()`).
 */
interface Response {
  status(code: number): { header(name: string, value: string): unknown };
}

export interface HealthReport {
  status: 'ok' | 'error';
  info: Record<string, { status: string }>;
  error: Record<string, { status: string; reason?: string; reference?: string }>;
}

/**
 * Public, and deaf to `Authorization`: a health check never fails on a token and never looks a
 * user up. It never answers 500, and never names the database's address or its errors (the
 * cause is logged with the reference it shows).
 */
@Auth({ public: true, ignoreToken: true })
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Readiness: the process is not draining and the database answers. 503 otherwise, with Retry-After. */
  @Get()
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    return this.readiness(response);
  }

  @Get('ready')
  async readiness(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    if (this.lifecycle.draining) {
      return this.unavailable(response, { process: { status: 'draining' } }, 5);
    }
    try {
      if (await this.ping()) return { status: 'ok', info: { database: { status: 'up' } }, error: {} };
      return this.unavailable(response, { database: { status: 'down', reason: 'DATABASE_TIMEOUT' } }, 2);
    } catch (error) {
      const reference = randomUUID();
      const unavailable = classifyDatabaseError(error);
      const reason = unavailable?.reason ?? 'DATABASE_ERROR';
      this.logger.warn({ reference, reason, err: error }, `Readiness: the database does not answer (reference ${reference})`);
      return this.unavailable(response, { database: { status: 'down', reason, reference } }, unavailable?.retryAfterSeconds ?? 5);
    }
  }

  /** Liveness: the process serves HTTP. Never depends on the database. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** True when the database answered in time, false when it did not answer within PING_TIMEOUT_MS. */
  private async ping(): Promise<boolean> {
    const timer = new AbortController();
    try {
      return await Promise.race([this.dataSource.query('SELECT 1').then(() => true), delay(PING_TIMEOUT_MS, false, { signal: timer.signal })]);
    } finally {
      timer.abort();
    }
  }

  private unavailable(response: Response, error: HealthReport['error'], retryAfterSeconds: number): HealthReport {
    response.status(HttpStatus.SERVICE_UNAVAILABLE).header('Retry-After', String(retryAfterSeconds));
    return { status: 'error', info: {}, error };
  }
}
