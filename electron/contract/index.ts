export * from './errors';
export * from './events';
export * from './methods';
export * from './bridge';
export * from './subscription';
export * from './schemas/common';
export * from './schemas/aws';
export * from './schemas/aws-setup';
