export * from './errors';
export * from './format-error';
export * from './graphql-options';
export * from './pagination';
export * from './validation';
export * from './per-request';
export * from './text';
export * from './selection';
