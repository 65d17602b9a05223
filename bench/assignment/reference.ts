/**
 * The reference solvers of the assignment benchmarks: OR-Tools' min-cost flow and scipy's linear_sum_assignment,
 * run in a Python virtual environment that the benchmark makes itself from PyPI on first use:
 *
 *   <repo>/.data/bench-venv   (or BENCH_VENV), from the first Python (BENCH_PYTHON, else pyenv's versions newest
 *   first, then python3.13, python3.12, python3 on PATH) that makes a venv in which
 *   `pip install ortools==9.15.* scipy>=1.11` succeeds (scipy 1.18 needs Python ≥ 3.12; older ones get an older scipy).
 *
 * Later runs reuse it (a marker file records what was installed). pip's output is passed on as progress lines. If
 * no Python, no venv module or no pip install works (no network, no wheel), the baseline is reported as unavailable
 * with the reason, and the benchmark goes on without it.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { componentLogger } from '@jobbspar/infra';

const log = componentLogger('bench-reference');

const ROOT = path.resolve(__dirname, '..', '..');
const REQUIREMENTS = ['ortools==9.15.*', 'scipy>=1.11'];
const SCRIPT = path.join(__dirname, 'reference_solvers.py');

export type ReferenceSolver = 'ortools-mcf' | 'scipy-lsa';

export interface Versions {
  python: string;
  ortools: string | null;
  scipy: string | null;
}

/** What a reference solve measured: wall time of the library call(s) and the optimum in the instance's integer units. */
export interface ReferenceResult {
  ms: number;
  /** CPU time of the Python process during the call (less sensitive than wall time to a loaded machine). */
  cpuMs: number;
  total: number;
}

function venvDir(): string {
  return process.env.BENCH_VENV ?? path.join(ROOT, '.data', 'bench-venv');
}

function venvPython(dir: string): string {
  return path.join(dir, 'bin', 'python');
}

/** Runs a command with its output passed on as progress lines; resolves to its exit code (null if it could not start). */
function runWithProgress(command: string, args: readonly string[], step: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (stream: NodeJS.ReadableStream) =>
      createInterface({ input: stream }).on('line', (line) => {
        if (line.trim() !== '') log.info(step, { line: line.trim().slice(0, 300) });
      });
    relay(child.stdout);
    relay(child.stderr);
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });
}

/**
 * Newest first: pyenv's installed 3.x versions (its shims answer only for the selected one), then what PATH offers.
 */
function candidateInterpreters(): string[] {
  const found: string[] = [];
  const pyenvRoot = process.env.PYENV_ROOT ?? path.join(homedir(), '.pyenv');
  const versionsDir = path.join(pyenvRoot, 'versions');
  if (existsSync(versionsDir)) {
    const versions = readdirSync(versionsDir)
      .filter((v) => /^3\.\d+\.\d+$/.test(v))
      .sort((a, b) => compareVersions(b, a));
    for (const v of versions) {
      const bin = path.join(versionsDir, v, 'bin', 'python3');
      if (existsSync(bin)) found.push(bin);
    }
  }
  return [...found, 'python3.13', 'python3.12', 'python3'];
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** Makes (or reuses) the venv; returns its python, or the reason there is none. */
export async function ensureVenv(): Promise<{ python: string } | { unavailable: string }> {
  const dir = venvDir();
  const marker = path.join(dir, '.jobbspar-bench');
  const wanted = REQUIREMENTS.join(' ');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted && existsSync(venvPython(dir))) {
    return { python: venvPython(dir) };
  }
  const interpreters = process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : candidateInterpreters();
  const reasons: string[] = [];
  for (const interpreter of interpreters) {
    const probe = spawnSync(interpreter, ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      reasons.push(`${interpreter}: not found`);
      continue;
    }
    const version = (probe.stdout || probe.stderr).trim();
    log.info('making the Python venv for the reference solvers', { dir, interpreter, version, requirements: REQUIREMENTS });
    rmSync(dir, { recursive: true, force: true });
    const made = await runWithProgress(interpreter, ['-m', 'venv', dir], 'venv');
    if (made !== 0) {
      reasons.push(`${interpreter} (${version}): python -m venv failed`);
      continue;
    }
    log.info('installing the reference solvers from PyPI (first run only; about 100 MB)', { requirements: REQUIREMENTS });
    const installed = await runWithProgress(
      venvPython(dir),
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off', ...REQUIREMENTS],
      'pip',
    );
    if (installed !== 0) {
      reasons.push(`${interpreter} (${version}): pip install ${wanted} failed`);
      continue;
    }
    writeFileSync(marker, wanted);
    log.info('reference solvers ready', { dir });
    return { python: venvPython(dir) };
  }
  rmSync(dir, { recursive: true, force: true });
  return { unavailable: reasons.join('; ') };
}

/** One long-lived Python process, so that each timed call is the library call alone (no start-up, no import). */
export class ReferenceSolvers {
  private readonly pending: ((line: string) => void)[] = [];

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly versions: Versions,
  ) {}

  /** Starts the solvers, or says why they cannot run. */
  static async start(): Promise<ReferenceSolvers | { unavailable: string }> {
    const venv = await ensureVenv();
    if ('unavailable' in venv) return venv;
    const child = spawn(venv.python, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
    const solvers = new ReferenceSolvers(child, { python: '', ortools: null, scipy: null });
    createInterface({ input: child.stdout }).on('line', (line) => solvers.pending.shift()?.(line));
    const started = await new Promise<boolean>((resolve) => {
      child.once('spawn', () => resolve(true));
      child.once('error', () => resolve(false));
    });
    if (!started) return { unavailable: `cannot start ${venv.python}` };
    try {
      const v = await solvers.request({ op: 'versions' });
      Object.assign(solvers.versions, { python: v.python, ortools: v.ortools ?? null, scipy: v.scipy ?? null });
    } catch (e) {
      solvers.stop();
      return { unavailable: `${(e as Error).message} ${stderr.join(' ').slice(0, 500)}` };
    }
    return solvers;
  }

  has(solver: ReferenceSolver): boolean {
    return solver === 'ortools-mcf' ? this.versions.ortools !== null : this.versions.scipy !== null;
  }

  async load(file: string): Promise<void> {
    await this.request({ op: 'load', file });
  }

  async solve(solver: ReferenceSolver): Promise<ReferenceResult> {
    const r = await this.request({ op: 'solve', solver });
    return { ms: Number(r.ms), cpuMs: Number(r.cpuMs), total: Number(r.total) };
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill();
  }

  private request(body: Record<string, unknown>): Promise<Record<string, string | number | null>> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the reference solver process exited'));
      this.child.once('exit', onExit);
      this.pending.push((line) => {
        this.child.off('exit', onExit);
        const answer = JSON.parse(line) as { ok: boolean; error?: string } & Record<string, string | number | null>;
        if (answer.ok) resolve(answer);
        else reject(new Error(answer.error ?? 'reference solver failed'));
      });
      this.child.stdin.write(`${JSON.stringify(body)}\n`);
    });
  }
}
