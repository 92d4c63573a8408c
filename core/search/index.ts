export * from './analyze';
export * from './search-index';
export * from './ticket-text';
