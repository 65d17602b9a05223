/*
 * The browser for the end-to-end tests: Debian's `chromium` package, driven by playwright-core. Playwright's own
 * browser download cannot be reached from our machines, so, like Kafka from Maven Central, the project finds or
 * installs the browser itself: CHROMIUM_PATH, else /usr/bin/chromium, else (as root, on Debian or Ubuntu)
 * `apt-get update && apt-get install -y chromium`. Anywhere else it stops with one line saying what to install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { componentLogger, type LogFn } from '../../libs/infra/src';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

function run(command: string, args: string[], log: ReturnType<typeof componentLogger>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const timer = setTimeout(() => child.kill('SIGTERM'), INSTALL_TIMEOUT_MS);
    let tail = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      // apt's progress, one structured line per line of its own, so a slow install shows it is moving.
      for (const line of text.split('\n'))
        if (/^(Get|Unpacking|Setting up|Reading)/.test(line)) log.info('apt', { line: line.slice(0, 160) });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** The path of a Chromium binary, installing Debian's package first when it is missing and we may. */
export async function ensureChromium(options: { log?: LogFn } = {}): Promise<string> {
  const log = componentLogger('browser', options.log);
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt)
    throw new Error('no Chromium found: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH');
  log.info('installing chromium from Debian packages (once per machine)');
  const started = Date.now();
  await run('apt-get', ['update'], log);
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'], log);
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but no binary is at /usr/bin/chromium');
  log.info('chromium installed', { path: installed, ms: Date.now() - started });
  return installed;
}

/**
 * Launch options for Debian's Chromium on our machines: no sandbox as root (it refuses to start otherwise), and
 * none of its background connections (the network is closed here; they would only fail, many at a time).
 */
export function chromiumArgs(): string[] {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-gpu',
    '--disable-dev-shm-usage',
  ];
}
