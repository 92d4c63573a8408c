export * from './rejection';
export * from './statuses';
export * from './priority-rules';
export * from './business-time';
export * from './sla-clock';
export * from './lifecycle-timers';
export * from './routing';
export * from './placeholders';
