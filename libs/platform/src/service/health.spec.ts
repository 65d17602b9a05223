import type { Response } from 'express';
import { HealthController, ReadinessGate } from './health';

/** A response that records what the controller answered. */
function recorder(): { res: Response; answer: () => { status: number; body: unknown } } {
  let status = 0;
  let body: unknown;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    json(value: unknown) {
      body = value;
      return res;
    },
  } as unknown as Response;
  return { res, answer: () => ({ status, body }) };
}

describe(HealthController.name, () => {
  let databaseUp = true;
  const gate = new ReadinessGate();
  const controller = new HealthController({ database: async () => databaseUp, transport: async () => true }, gate);

  afterEach(() => {
    databaseUp = true;
    gate.release('assignment');
  });

  it('is live while a dependency is down, and not ready', async () => {
    databaseUp = false;
    const live = recorder();
    controller.live(live.res);
    expect(live.answer().status).toBe(200);
    const ready = recorder();
    await controller.ready(ready.res);
    expect(ready.answer()).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'down', transport: 'up' }, preparing: [] },
    });
  });

  it('is not ready while something is being prepared, and ready once it is released', async () => {
    gate.hold('assignment');
    const held = recorder();
    await controller.ready(held.res);
    expect(held.answer()).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'up', transport: 'up' }, preparing: ['assignment'] },
    });
    gate.release('assignment');
    const released = recorder();
    await controller.ready(released.res);
    expect(released.answer()).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'up', transport: 'up' }, preparing: [] } });
  });
});
