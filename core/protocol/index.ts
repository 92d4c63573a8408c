export * from './sync';
export * from './socket-events';
export * from './kpi';
export * from './kpi-sums';
