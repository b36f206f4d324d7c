import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseOptions, dataSourceOptions, runMigrations } from './data-source';
import { DomainEventsModule } from './domain-events';

const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

@Injectable()
class MigrateOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.options.migrationsRun) return;
    const applied = await runMigrations(this.dataSource);
    if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(options), retryAttempts: 3, retryDelay: 500 }), DomainEventsModule],
      providers: [{ provide: DATABASE_OPTIONS, useValue: options }, MigrateOnStart],
      exports: [TypeOrmModule, DomainEventsModule],
    };
  }
}
