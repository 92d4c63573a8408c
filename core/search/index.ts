export * from './analyze';
export * from './search-index';
