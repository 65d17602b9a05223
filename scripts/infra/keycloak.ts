/*
 * A real Keycloak for `npm run check:keycloak` (scripts/check-keycloak.ts), from Maven Central's
 * `org.keycloak:keycloak-quarkus-dist` zip and a JDK of 21 or newer (Keycloak 26 refuses 17): no Docker. Not part of
 * `npm test`: a first start with the realm import takes minutes on our 2 cores (README, "Keycloak").
 *
 * The zip is resolved by `mvn` into ~/.m2 (shared by every clone), unpacked under .data/keycloak/, and built once
 * for a file database and a local cache (`kc.sh build`, kept while the version and options are the same). Each start
 * begins with an empty database, so the realm imported is the file of this checkout, not one left from before.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { componentLogger, freePort, guardChildProcess, repoRoot, type LogFn } from '../../libs/infra/src';

/** The version docker/compose.yml runs (scripts/infra/keycloak-realm.spec.ts holds the two equal). */
export const KEYCLOAK_VERSION = '26.7.3';
/** Options fixed at build time: a file database, no cluster (a production start would look for peers on the network). */
const BUILD_OPTIONS = ['--db=dev-file', '--cache=local'];
const READY_TIMEOUT_MS = 10 * 60_000;

export interface KeycloakHandle {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** How long the start took, import included (ms). */
  startMs: number;
  stop(): Promise<void>;
}

/** A JDK of 21 or newer: KEYCLOAK_JAVA_HOME, JAVA_HOME, else the newest under /usr/lib/jvm (temurin-25 here). */
export function keycloakJavaHome(): string {
  const major = (home: string): number => {
    const probe = spawnSync(path.join(home, 'bin', 'java'), ['-version'], { encoding: 'utf8' });
    const match = /version "(\d+)/.exec(probe.stderr ?? '');
    return match ? Number(match[1]) : 0;
  };
  const candidates = [process.env.KEYCLOAK_JAVA_HOME, process.env.JAVA_HOME].filter((h): h is string => !!h);
  if (existsSync('/usr/lib/jvm')) candidates.push(...readdirSync('/usr/lib/jvm').map((d) => path.join('/usr/lib/jvm', d)));
  const found = candidates
    .filter((home) => existsSync(path.join(home, 'bin', 'java')))
    .map((home) => ({ home, major: major(home) }))
    .filter((c) => c.major >= 21)
    .sort((a, b) => b.major - a.major)[0];
  if (!found) throw new Error('Keycloak 26 needs a JDK 21 or newer: set KEYCLOAK_JAVA_HOME (none found in JAVA_HOME or /usr/lib/jvm)');
  return found.home;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: ReturnType<typeof componentLogger>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      for (const line of chunk.toString().split('\n').filter(Boolean)) log.debug(line);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited ${code}: ${tail}`)),
    );
  });
}

/** Unpacks and builds Keycloak once (kept under .data/keycloak/); returns its home. */
export async function prepareKeycloak(options: { log?: LogFn } = {}): Promise<string> {
  const log = componentLogger('keycloak', options.log);
  const dir = path.join(repoRoot(), '.data', 'keycloak');
  const home = path.join(dir, `keycloak-${KEYCLOAK_VERSION}`);
  const marker = path.join(home, '.jobbspar-build');
  const wanted = JSON.stringify(BUILD_OPTIONS);
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === wanted) return home;
  await mkdir(dir, { recursive: true });
  const zip = path.join(dir, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
  if (!existsSync(zip)) {
    const started = Date.now();
    log.info('downloading keycloak-quarkus-dist from Maven Central (about 180 MB)', { version: KEYCLOAK_VERSION });
    await run(
      'mvn',
      ['-q', '-B', 'dependency:copy', `-Dartifact=org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`, `-DoutputDirectory=${dir}`],
      process.env,
      log,
    );
    log.info('downloaded', { ms: Date.now() - started });
  }
  if (!existsSync(path.join(home, 'bin', 'kc.sh'))) {
    await rm(home, { recursive: true, force: true });
    await run('unzip', ['-q', '-o', zip, '-d', dir], process.env, log);
  }
  const started = Date.now();
  log.info('building Keycloak for a file database and a local cache (once per version)', { options: BUILD_OPTIONS });
  await run(path.join(home, 'bin', 'kc.sh'), ['build', ...BUILD_OPTIONS], { ...process.env, JAVA_HOME: keycloakJavaHome() }, log);
  await writeFile(marker, wanted);
  log.info('built', { ms: Date.now() - started });
  return home;
}

/**
 * Starts the prepared Keycloak on 127.0.0.1 with an empty database and `realmFile` imported; resolves once the
 * realm's discovery document answers.
 */
export async function startKeycloak(options: { realmFile: string; realm: string; log?: LogFn }): Promise<KeycloakHandle> {
  const log = componentLogger('keycloak', options.log);
  const home = await prepareKeycloak(options);
  await rm(path.join(home, 'data'), { recursive: true, force: true });
  await mkdir(path.join(home, 'data', 'import'), { recursive: true });
  await copyFile(options.realmFile, path.join(home, 'data', 'import', path.basename(options.realmFile)));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(
    path.join(home, 'bin', 'kc.sh'),
    ['start', '--optimized', '--import-realm', '--http-enabled=true', '--http-host=127.0.0.1', `--http-port=${port}`, `--hostname=${url}`],
    {
      env: { ...process.env, JAVA_HOME: keycloakJavaHome(), JAVA_OPTS_KC_HEAP: '-Xms128m -Xmx768m' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const unguard = guardChildProcess(child.pid!, { signal: 'SIGTERM', hardSignal: 'SIGKILL', graceSeconds: 20 });
  let exited: number | null | undefined;
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-6000);
    for (const line of chunk.toString().split('\n').filter(Boolean)) log.debug(line);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const gone = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const stop = async (): Promise<void> => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await gone;
      clearTimeout(timer);
    }
    unguard();
  };
  const discovery = `${url}/realms/${options.realm}/.well-known/openid-configuration`;
  let lastProgress = Date.now();
  for (;;) {
    if (exited !== undefined) {
      unguard();
      throw new Error(`Keycloak exited (${exited}) before it was ready: ${tail}`);
    }
    const ok = await fetch(discovery).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > READY_TIMEOUT_MS) {
      await stop();
      throw new Error(`Keycloak was not ready after ${READY_TIMEOUT_MS / 1000} s: ${tail}`);
    }
    if (Date.now() - lastProgress > 15_000) {
      log.info('waiting for Keycloak to start and import the realm', { seconds: Math.round((Date.now() - started) / 1000) });
      lastProgress = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const startMs = Date.now() - started;
  log.info('Keycloak ready', { url, realm: options.realm, startMs });
  return { url, pid: child.pid!, startMs, stop };
}
