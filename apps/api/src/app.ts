import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@common-ground/shared/config';
import { AppModule } from './app.module';
import { Lifecycle } from './health/lifecycle';

/** Builds the API application (not yet listening). Used by `main.ts` and the e2e specs. */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  extraModules: (Type | DynamicModule)[] = [],
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, extraModules), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  app.use('/graphql', (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  return app;
}

/**
 * helmet's response headers (nosniff, frame and referrer policies, …). HSTS only when
 * configured (TLS ends at a proxy that the API cannot see); a strict content policy in
 * production, where the API serves no pages (in development GraphiQL loads its scripts).
 */
function securityHeaders(config: AppConfig) {
  return helmet({
    strictTransportSecurity: config.hstsMaxAgeSeconds > 0 ? { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: true } : false,
    contentSecurityPolicy: config.production ? { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } : false,
  });
}

/** Marks the process as draining (readiness fails), stops accepting requests, waits for in-flight ones. */
export async function drainAndClose(app: INestApplication): Promise<void> {
  app.get(Lifecycle).draining = true;
  await app.close();
}
