export * from './database.module';
export * from './data-source';
export * from './database-server';
export * from './embedded-postgres';
export * from './naming.strategy';
export { MIGRATIONS } from './migrations';
export * from './ids';
export * from './returning';
export * from './prepared-statements';
