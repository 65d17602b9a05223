/**
 * `npm run bench [-- <name-filter>...]`: runs every `*.bench.ts` in bench/ and its folders, one after the other in a
 * process of its own (each starts and stops what it measures, and a shared process would skew the next one's
 * timings). A benchmark's stderr (JSON progress lines) is passed through; its stdout (table, then a JSON summary as
 * the last line) too.
 * At the end: one JSON line with every benchmark's summary, exit code and duration. Exits 1 if any failed.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { componentLogger } from '@jobbspar/infra';

const log = componentLogger('bench');

interface Outcome {
  bench: string;
  exitCode: number | null;
  seconds: number;
  summary?: unknown;
}

function runOne(file: string): Promise<Outcome> {
  const bench = path.basename(file, '.bench.ts');
  const started = Date.now();
  log.info('benchmark started', { bench });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', file], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    // Ctrl-C reaches the child too (same process group); it stops its own database before exiting.
    child.on('close', (exitCode) => {
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const last = stdout.trimEnd().split('\n').pop() ?? '';
      let summary: unknown;
      try {
        summary = JSON.parse(last);
      } catch {
        summary = undefined;
      }
      log[exitCode === 0 ? 'info' : 'error']('benchmark finished', { bench, exitCode, seconds });
      resolve({ bench, exitCode, seconds, summary });
    });
  });
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const dir = __dirname;
  // A benchmark is a `*.bench.ts` in bench/ or in a folder of its own there (bench/matching-event/).
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.bench.ts') && f.split(path.sep).length <= 2)
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort()
    .map((f) => path.join(dir, f));
  if (files.length === 0) {
    log.error('no benchmark matched', { filters, dir });
    process.exitCode = 1;
    return;
  }
  log.info('running benchmarks', { count: files.length, benches: files.map((f) => path.basename(f, '.bench.ts')) });
  const outcomes: Outcome[] = [];
  for (const file of files) outcomes.push(await runOne(file));
  process.stdout.write(`${JSON.stringify({ benches: outcomes })}\n`);
  if (outcomes.some((o) => o.exitCode !== 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  log.error('bench runner failed', { error: (error as Error).stack ?? String(error) });
  process.exitCode = 1;
});
