export * from './identity';
export * from './problems';
export * from './solutions';
export * from './actions';
