export * from './domain';
export * from './workflow';
export * from './mutations';
export * from './protocol';
export * from './desktop-api';
export * from './mail';
