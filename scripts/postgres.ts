/*
 * Runs a development PostgreSQL server in the foreground until Ctrl-C.
 *
 *   npm run postgres -- [--data-dir DIR | --temp] [--port N]
 *
 * Data persists in .data/postgres unless --temp. Stdout gets exactly one JSON line once the server is ready (with
 * `url`, for scripts to read); logs go to stderr (server output only with LOG_LEVEL=debug).
 */
import { runInForeground } from './infra/foreground';
import { startPostgres } from '@jobbspar/infra';

runInForeground('postgres', startPostgres, (postgres) => ({ msg: 'PostgreSQL running; Ctrl-C stops it', url: postgres.url }));
