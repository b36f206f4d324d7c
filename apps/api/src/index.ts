// What the e2e specs and the tools use of the API app.
export * from './app';
export * from './entities';
export * from './resolvers';
export * from './demo/demo-data';
