import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Auth } from '@common-ground/shared/auth';
import { Lifecycle } from './lifecycle';

@Auth({ public: true })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Readiness: the database answers and the process is not draining. */
  @Get()
  @HealthCheck()
  ready() {
    return this.readiness();
  }

  @Get('ready')
  @HealthCheck()
  readiness() {
    if (this.lifecycle.draining) {
      throw new ServiceUnavailableException({ status: 'error', error: { process: { status: 'draining' } } });
    }
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
  }

  /** Liveness: the process serves HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
