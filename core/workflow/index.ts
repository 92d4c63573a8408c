export * from './rejection';
export * from './statuses';
export * from './priority-rules';
