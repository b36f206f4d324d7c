export * from './identity';
export * from './problems';
export * from './solutions';
export * from './pledges';
export * from './actions';
