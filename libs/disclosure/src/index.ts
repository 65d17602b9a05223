export * from './model';
export * from './interval-bounds';
export * from './cell-suppression';
export * from './method';
