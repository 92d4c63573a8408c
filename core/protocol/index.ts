export * from './sync';
export * from './socket-events';
