import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createDataSource, DatabaseOptions, dataSourceOptions, runMigrations } from './data-source';
import { isDatabaseUnavailable } from './database-errors';
import { DomainEventsModule } from './domain-events';
import { NotificationListener } from './notification-listener';

const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

@Injectable()
class MigrateOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(@Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions) {}

  /**
   * On a connection of their own, without the statement and lock time-outs of the app's pool:
   * a migration may rewrite a large table, and a replica waits for another one's migrations.
   */
  async onModuleInit(): Promise<void> {
    if (!this.options.migrationsRun) return;
    const dataSource = createDataSource({
      url: this.options.url,
      entities: [],
      poolSize: 2, // the advisory lock's session, and the migrations' own
      applicationName: `${this.options.applicationName ?? 'common-ground'}-migrations`,
    });
    await dataSource.initialize();
    try {
      const applied = await runMigrations(dataSource);
      if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
    } finally {
      await dataSource.destroy();
    }
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      // Global: every lib may subscribe to the NotificationListener.
      global: true,
      // Only an unavailable database is worth another try (not a wrong password or database name).
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(options), retryAttempts: 3, retryDelay: 500, toRetry: isDatabaseUnavailable }),
        DomainEventsModule,
      ],
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        MigrateOnStart,
        {
          provide: NotificationListener,
          useFactory: () =>
            new NotificationListener({
              url: options.url,
              applicationName: `${options.applicationName ?? 'common-ground'}-listener`,
              connectTimeoutMs: options.timeouts?.acquireMs || undefined,
              answerTimeoutMs: options.timeouts?.queryMs || undefined,
            }),
        },
      ],
      exports: [TypeOrmModule, DomainEventsModule, NotificationListener],
    };
  }
}
