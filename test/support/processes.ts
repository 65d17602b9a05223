import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The compiled form of an entry point under dist/ (the jest global setup builds it once per run). */
export function builtEntry(source: string): string {
  return path.join(ROOT, 'dist', source.replace(/\.ts$/, '.js'));
}

export interface RunningProcess {
  child: ChildProcess;
  /** Every stdout and stderr line so far. */
  lines: string[];
  /** Resolves with the first line (past or future) that matches, or rejects after `timeoutMs` or on exit. */
  waitForLine(match: RegExp | ((line: string) => boolean), timeoutMs: number): Promise<string>;
  /** Resolves with the exit code (or signal) once the process has exited, or rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a compiled entry point as `npm start` / `npm run stack` would, collecting its output line by line. */
export function runBuilt(source: string, env: Record<string, string | undefined>, args: string[] = []): RunningProcess {
  return runNode(['--enable-source-maps', builtEntry(source), ...args], env);
}

/** Runs a TypeScript file of the tests themselves (a fixture process) through ts-node, which transpiles with swc. */
export function runTypeScript(source: string, env: Record<string, string | undefined>): RunningProcess {
  return runNode(['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', path.join(ROOT, source)], env);
}

function runNode(args: string[], env: Record<string, string | undefined>): RunningProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        for (const listener of listeners) listener(line);
      }
    });
  }
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    waitForLine: (match, timeoutMs) => {
      const test = typeof match === 'function' ? match : (line: string) => match.test(line);
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no line matching ${String(match)} within ${timeoutMs} ms`)), timeoutMs);
        const listener = (line: string): void => {
          if (test(line)) done(undefined, line);
        };
        const onExit = (): void => done(new Error(`exited before a line matching ${String(match)}:\n${lines.slice(-20).join('\n')}`));
        const done = (error?: Error, line?: string): void => {
          clearTimeout(timer);
          listeners.delete(listener);
          child.removeListener('exit', onExit);
          if (error) reject(error);
          else resolve(line!);
        };
        listeners.add(listener);
        child.once('exit', onExit);
      });
    },
    exited: (timeoutMs) =>
      Promise.race([
        exit,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms`)), timeoutMs).unref()),
      ]),
  };
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `count` consecutive free ports on 127.0.0.1 (for programs that take a base port), from a random start. */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let free = true;
    for (let i = 0; i < count && free; i++) free = await portIsFree(base + i);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

/**
 * How long a suite may take to start the whole system with the demo data (npm start's seed), on a loaded machine:
 * the seed lives through its history cohort by cohort, waiting for matching's proposals of each (at load 25 it took
 * over 240 s).
 */
export const DEMO_START_TIMEOUT = 360_000;
