export * from './markdown';
export * from './article-index';
