export * from './machine';
export * from './context';
