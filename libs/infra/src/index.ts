/**
 * Servers the project starts itself, shared by `npm start` (apps/jobbspar), the scripts, the test setups and the
 * benchmarks: an embedded PostgreSQL server, free ports, child-process guards and their JSON log lines, and the
 * repository's root (where `.data/` and `docs/` are).
 */
export * from './free-port';
export * from './log';
export * from './postgres';
export * from './process-guard';
export * from './repo-root';
