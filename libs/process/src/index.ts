export * from './stale-process';
export * from './ports';
