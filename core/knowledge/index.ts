export * from './markdown';
export * from './article-index';
export * from './article-draft';
export * from './self-service';
export * from './title-index';
