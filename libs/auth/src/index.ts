export * from './password';
export * from './scope';
