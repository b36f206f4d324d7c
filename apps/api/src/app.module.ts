import { DynamicModule, Module, Type } from '@nestjs/common';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@common-ground/shared/config';
import { AuthModule } from '@common-ground/shared/auth';
import { asServiceUnavailable, DatabaseModule } from '@common-ground/shared/database';
import { FieldPlansModule, GraphQLErrorPassThroughFilter, graphqlOptions } from '@common-ground/shared/graphql';
import { IdempotencyModule } from '@common-ground/shared/idempotency';
import { DOMAINS } from './domains';
import { ENTITIES } from './entities';
import { HealthController } from './health/health.controller';
import { Lifecycle } from './health/lifecycle';
import { HttpReady } from './http-ready';
import { requestLogOptions } from './request-log';

@Module({})
export class AppModule {
  /** `extraModules`: imported after the libs (the e2e specs add test-only event handlers). */
  static forRoot(config: AppConfig, databaseUrl: string, extraModules: (Type | DynamicModule)[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: requestLogOptions(config) }),
        DatabaseModule.forRoot({
          url: databaseUrl,
          entities: ENTITIES,
          migrationsRun: config.database.migrationsRun,
          poolSize: config.database.poolSize,
          logQueries: config.database.logQueries,
          preparedStatements: config.database.preparedStatements,
          timeouts: config.database.timeouts,
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>(
          graphqlOptions({
            production: config.production,
            limits: config.graphql,
            mapError: asServiceUnavailable,
            executor: config.graphql.executor,
            jitCacheEntries: config.graphql.jitCacheEntries,
          }),
        ),
        IdempotencyModule,
        FieldPlansModule,
        AuthModule,
        ...DOMAINS.map((domain) => domain.module),
        ...extraModules,
      ],
      controllers: [HealthController],
      providers: [Lifecycle, HttpReady, { provide: APP_FILTER, useClass: GraphQLErrorPassThroughFilter }],
    };
  }
}
