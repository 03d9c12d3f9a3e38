export * from './temporal-cli';
export * from './dev-server';
export * from './worker-factory';
