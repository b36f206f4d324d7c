export * from './graphql-client';
export * from './test-database';
export * from './controlled-postgres';
export * from './documents';
export * from './factories';
export * from './lib-shape';
