import { JsonLogger, withLogContext } from './json-logger';

describe(JsonLogger.name, () => {
  const sink = JsonLogger.sink;
  const threshold = JsonLogger.threshold;
  let lines: Record<string, unknown>[];
  beforeEach(() => {
    lines = [];
    JsonLogger.sink = (line) => lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  afterEach(() => {
    JsonLogger.sink = sink;
    JsonLogger.threshold = threshold;
  });

  it('writes one JSON object per line in the house shape', () => {
    new JsonLogger('relay', { schema: 'matching' }).write('warn', 'publish failed', { attempt: 2 });
    expect(lines).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        level: 'warn',
        component: 'relay',
        schema: 'matching',
        attempt: 2,
        msg: 'publish failed',
      },
    ]);
  });

  it('keeps an Error to its name and message: a stack or a cause may quote the data', () => {
    const error = Object.assign(new TypeError('bad'), { cause: 'Fatima' });
    new JsonLogger('x').write('error', 'failed', { error });
    expect(lines[0].error).toEqual({ name: 'TypeError', message: 'bad' });
    expect(JSON.stringify(lines[0])).not.toContain('Fatima');
  });

  it('adds the log context (the correlation id) to every line written inside it, across awaits', async () => {
    const logger = new JsonLogger('consumer');
    await withLogContext({ correlationId: 'corr-0001' }, async () => {
      logger.info('first');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await withLogContext({ eventId: 'e-1' }, async () => logger.info('inner'));
      logger.info('after');
    });
    logger.info('outside');
    expect(lines.map((l) => [l.msg, l.correlationId, l.eventId])).toEqual([
      ['first', 'corr-0001', undefined],
      ['inner', 'corr-0001', 'e-1'],
      ['after', 'corr-0001', undefined],
      ['outside', undefined, undefined],
    ]);
  });

  it('writes nothing below the threshold, and Nest calls (fatal included) at their level', () => {
    JsonLogger.threshold = 'warn';
    const logger = new JsonLogger('nest');
    logger.info('quiet');
    logger.log('quiet too', 'NestApplication');
    logger.warn('shown', 'NestApplication');
    logger.fatal(new Error('stopped'), 'NestApplication');
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      ['warn', 'shown', 'NestApplication'],
      ['error', 'stopped', 'NestApplication'],
    ]);
  });
});
