export * from './stale-process';
export * from './ports';
export * from './spawn-failure';
