export * from './money.errors';
export * from './currency';
export * from './money';
export * from './bigint-column';
