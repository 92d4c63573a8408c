export * from './subject-tag';
export * from './automatic-mail';
export * from './reply-text';
export * from './message-ids';
export * from './spam-rules';
