export * from './errors';
export * from './identity';
export * from './http';
export * from './app';
