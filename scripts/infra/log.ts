// The log helpers moved to libs/infra; this re-export keeps bench/assign.bench.ts and bench/incremental.bench.ts
// working until they import @jobbspar/infra themselves.
export { componentLogger, stderrJsonLog, type ComponentLogger, type LogFn, type LogLevel } from '../../libs/infra/src';
