import { HealthController, ReadinessGate } from './health';

/** A response that records the status the controller set; the body is what it returns. */
function recorder(): {
  res: { status(code: number): unknown; header(): unknown };
  answer: (body: unknown) => { status: number; body: unknown };
} {
  let status = 0;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    header: () => res,
  };
  return { res, answer: (body) => ({ status, body }) };
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
    expect(live.answer(controller.live(live.res))).toEqual({ status: 200, body: { status: 'ok', checks: {} } });
    const ready = recorder();
    expect(ready.answer(await controller.ready(ready.res))).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'down', transport: 'up' }, preparing: [] },
    });
  });

  it('is not ready while something is being prepared, and ready once it is released', async () => {
    gate.hold('assignment');
    const held = recorder();
    expect(held.answer(await controller.ready(held.res))).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'up', transport: 'up' }, preparing: ['assignment'] },
    });
    gate.release('assignment');
    const released = recorder();
    expect(released.answer(await controller.ready(released.res))).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'up', transport: 'up' }, preparing: [] },
    });
  });
});
