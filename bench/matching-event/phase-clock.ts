/**
 * Phase clock: exclusive wall time per step of an event's path through the service, from wrapped prototype
 * methods. Which methods are which phase is event-path.ts's business; this file knows nothing of the service.
 */
import { performance } from 'node:perf_hooks';

export interface Frame {
  phase: string;
  childMs: number;
  sink: boolean;
}

/**
 * Matching work is serialised by the engine's lock and only one benchmark event is in flight, so a single stack of
 * frames attributes time correctly. A "sink" phase keeps everything it calls (its own queries) as its own time.
 */
export class PhaseClock {
  enabled = false;
  private stack: Frame[] = [];
  readonly ms = new Map<string, number>();
  readonly calls = new Map<string, number>();
  statements = 0;
  lastSolve?: { added: number; removed: number };

  reset(): void {
    this.stack = [];
    this.ms.clear();
    this.calls.clear();
    this.statements = 0;
    this.lastSolve = undefined;
  }

  /** Records one phase that has finished: its time minus its children's, and its whole time on its parent. */
  finish(frame: Frame, elapsed: number): void {
    const at = this.stack.lastIndexOf(frame);
    if (at >= 0) this.stack.splice(at, 1);
    this.ms.set(frame.phase, (this.ms.get(frame.phase) ?? 0) + elapsed - frame.childMs);
    this.calls.set(frame.phase, (this.calls.get(frame.phase) ?? 0) + 1);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.childMs += elapsed;
  }

  /** Starts a phase, or returns undefined when not measuring or inside a sink phase. */
  start(phase: string, sink: boolean): Frame | undefined {
    const top = this.stack[this.stack.length - 1];
    if (!this.enabled || top?.sink) return undefined;
    const frame: Frame = { phase, childMs: 0, sink };
    this.stack.push(frame);
    return frame;
  }
}

export function instrument(clock: PhaseClock, target: object, method: string, phase: string, sink = false): void {
  const proto = target as Record<string, unknown>;
  const original = proto[method];
  if (typeof original !== 'function') throw new Error(`cannot instrument ${method}: not a method (has the service changed?)`);
  proto[method] = function (this: unknown, ...args: unknown[]): unknown {
    const frame = clock.start(phase, sink);
    if (!frame) return original.apply(this, args);
    const started = performance.now();
    const done = (): void => clock.finish(frame, performance.now() - started);
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      done();
      throw error;
    }
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
}
