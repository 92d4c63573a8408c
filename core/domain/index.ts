export * from './common';
export * from './agent';
export * from './group';
export * from './customer';
export * from './message';
export * from './ticket';
export * from './calendar';
export * from './sla';
