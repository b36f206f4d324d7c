import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@common-ground/shared/config';
import { AppModule } from './app.module';
import { Lifecycle } from './health/lifecycle';

/** Builds the API application (not yet listening). Used by `main.ts` and the e2e specs. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  return app;
}

/** Marks the process as draining (readiness fails), stops accepting requests, waits for in-flight ones. */
export async function drainAndClose(app: INestApplication): Promise<void> {
  app.get(Lifecycle).draining = true;
  await app.close();
}
