export * from './graphql-client';
export * from './test-database';
export * from './documents';
export * from './factories';
