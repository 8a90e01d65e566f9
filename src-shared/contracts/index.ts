export * from './errors';
export * from './identity';
export * from './fields';
export * from './accounts';
export * from './units';
export * from './http';
export * from './app';
