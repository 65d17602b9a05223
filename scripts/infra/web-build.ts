/*
 * The web app's production build (Vite): apps/web/src → apps/web/dist, served by `npm start`, `npm run stack` and
 * the tests. `npm run build:web` always builds; tests and start-up call ensureWebBuild(), which builds only when a
 * source file is newer than the last build (a stamp file records when it finished).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { componentLogger, repoRoot, type LogFn } from '../../libs/infra/src';

const REPO_ROOT = repoRoot();
export const WEB_ROOT = path.join(REPO_ROOT, 'apps', 'web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');
const STAMP = path.join(WEB_DIST, '.built');
const INPUTS = [
  path.join(WEB_ROOT, 'src'),
  path.join(WEB_ROOT, 'index.html'),
  path.join(WEB_ROOT, 'vite.config.mts'),
  path.join(REPO_ROOT, 'package-lock.json'),
];

function newestInput(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestInput(path.join(file, name))), stat.mtimeMs);
}

export function webBuildIsFresh(): boolean {
  if (!existsSync(STAMP) || !existsSync(path.join(WEB_DIST, 'index.html'))) return false;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.every((input) => !existsSync(input) || newestInput(input) <= built);
}

export async function buildWeb(options: { log?: LogFn } = {}): Promise<void> {
  const log = componentLogger('web-build', options.log);
  const started = Date.now();
  log.info('building the web app', { from: path.relative(REPO_ROOT, WEB_ROOT), to: path.relative(REPO_ROOT, WEB_DIST) });
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [REPO_ROOT] })), 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    // Vite prints its own progress (modules transformed, chunk sizes with gzip) on stdout: passed through as-is.
    const child = spawn(process.execPath, [vite, 'build', '--config', path.join(WEB_ROOT, 'vite.config.mts')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
  await writeFile(STAMP, new Date().toISOString());
  log.info('web app built', { ms: Date.now() - started });
}

export async function ensureWebBuild(options: { log?: LogFn } = {}): Promise<void> {
  if (webBuildIsFresh()) return;
  await buildWeb(options);
}
