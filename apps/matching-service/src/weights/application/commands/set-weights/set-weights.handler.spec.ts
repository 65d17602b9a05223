import { DEFAULT_WEIGHTS, FactorWeights } from '@jobbspar/matching-core';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { WeightsInvalid } from '../../../domain/weights.errors';
import { CurrentWeights } from '../../current-weights';
import { GetWeightsHandler } from '../../queries/get-weights/get-weights.handler';
import { GetWeightsQuery } from '../../queries/get-weights/get-weights.query';
import { SetWeightsCommand } from './set-weights.command';
import { SetWeightsHandler } from './set-weights.handler';

const even: FactorWeights = { taskCoverage: 20, interests: 20, shortage: 20, waiting: 20, supportFit: 20 };
const tasksFirst: FactorWeights = { taskCoverage: 60, interests: 10, shortage: 10, waiting: 10, supportFit: 10 };
const ctx = { actor: 'admin:kerstin-1', correlationId: 'corr-weights-01' };

function setup() {
  const world = fakeWorld();
  const ds = world.dataSource.asDataSource();
  const current = new CurrentWeights(ds, world.weights);
  const handler = new SetWeightsHandler(ds, world.weights, current, world.engine.asEngine());
  const query = new GetWeightsHandler(ds, world.weights, current);
  return {
    ...world,
    current,
    set: (region: string, weights: FactorWeights) => handler.execute(new SetWeightsCommand(region, weights, ctx)),
    get: (region: string) => query.execute(new GetWeightsQuery(region)),
  };
}

describe(SetWeightsHandler.name, () => {
  it("stores a region's first weights as version 1, under the region's lock, by the acting user", async () => {
    const { set, weights, journal } = setup();

    const saved = await set('se-uppsala', even);

    expect(saved).toEqual({ version: 'se-uppsala-v1', ...even });
    expect(weights.rows).toEqual([
      {
        version: 'se-uppsala-v1',
        region: 'se-uppsala',
        seq: 1,
        weights: { version: 'se-uppsala-v1', ...even },
        createdBy: ctx.actor,
        createdAt: expect.any(Date),
      },
    ]);
    expect(weights.advisoryLocks).toEqual(['weights:se-uppsala']);
    expect(journal).toEqual(['engine.enter', 'weights.lockRegion', 'weights.all', 'weights.insert', 'engine.weightsChanged']);
  });

  it("re-scores the region's open needs with the new version in the same transaction, under the matching lock", async () => {
    const { set, current, engine, dataSource } = setup();
    await set('se-uppsala', even);
    // What scoring reads inside the re-score: the version being stored, not the cached one.
    const seen: string[] = [];
    const record = engine.onWeightsChanged.bind(engine);
    engine.onWeightsChanged = async (em, region, cause) => {
      seen.push((await current.current(region, em)).version);
      await record(em, region, cause);
    };

    await set('se-uppsala', tasksFirst);

    expect(seen).toEqual(['se-uppsala-v2']);
    const last = dataSource.transactions[dataSource.transactions.length - 1];
    expect(engine.weightsChanged.at(-1)).toEqual({ em: last, region: 'se-uppsala', cause: ctx });
    expect(engine.entered.at(-1)!.em).toBe(last);
  });

  it('stores nothing and leaves no uncommitted version in the cache when the re-score fails', async () => {
    const { set, current, engine, weights } = setup();
    await set('se-uppsala', even);
    engine.onWeightsChanged = async (em, region) => {
      await current.current(region, em);
      throw new Error('re-score failed');
    };

    await expect(set('se-uppsala', tasksFirst)).rejects.toThrow('re-score failed');

    expect(weights.rows.map((w) => w.version)).toEqual(['se-uppsala-v1']);
    expect((await current.current('se-uppsala')).version).toBe('se-uppsala-v1');
  });

  it('numbers versions per region from what is stored, not from what this instance has seen', async () => {
    const { set, weights } = setup();
    await set('se-uppsala', even);
    // Another instance stored v2 meanwhile.
    weights.rows.push({
      version: 'se-uppsala-v2',
      region: 'se-uppsala',
      seq: 2,
      weights: { version: 'se-uppsala-v2', ...tasksFirst },
      createdBy: 'admin:other-2',
      createdAt: new Date('2026-04-01T00:00:00Z'),
    });

    const third = await set('se-uppsala', even);
    const otherRegion = await set('se-skane', tasksFirst);

    expect(third.version).toBe('se-uppsala-v3');
    expect(otherRegion.version).toBe('se-skane-v1');
    expect(weights.rows.map((w) => [w.region, w.seq, w.version])).toEqual([
      ['se-uppsala', 1, 'se-uppsala-v1'],
      ['se-uppsala', 2, 'se-uppsala-v2'],
      ['se-uppsala', 3, 'se-uppsala-v3'],
      ['se-skane', 1, 'se-skane-v1'],
    ]);
  });

  it.each([
    ['do not sum to 100', { ...even, supportFit: 30 }],
    ['have a negative factor', { taskCoverage: 120, interests: -20, shortage: 0, waiting: 0, supportFit: 0 }],
  ])('rejects weights that %s with WEIGHTS_INVALID, storing nothing', async (_, invalid) => {
    const { set, weights, current, dataSource } = setup();
    await set('se-uppsala', even);
    const before = structuredClone(weights.rows);

    const error = await rejectionOf(set('se-uppsala', invalid));

    expect(error).toBeInstanceOf(WeightsInvalid);
    expect(error).toMatchObject({ code: 'WEIGHTS_INVALID' });
    expect(weights.rows).toEqual(before);
    expect(dataSource.rollbacks).toBe(1);
    expect(await current.current('se-uppsala')).toEqual({ version: 'se-uppsala-v1', ...even });
  });

  it('serves the new version right after it is set, even when the old one was cached', async () => {
    const { set, current } = setup();
    await set('se-uppsala', even);
    expect((await current.current('se-uppsala')).version).toBe('se-uppsala-v1');

    await set('se-uppsala', tasksFirst);

    expect(await current.current('se-uppsala')).toEqual({ version: 'se-uppsala-v2', ...tasksFirst });
  });
});

describe(CurrentWeights.name, () => {
  it('falls back to the defaults for a region without weights of its own, and for no region', async () => {
    const { set, current } = setup();
    await set('se-uppsala', even);

    expect(await current.current('se-skane')).toEqual(DEFAULT_WEIGHTS);
    expect(await current.current(undefined)).toEqual(DEFAULT_WEIGHTS);
  });

  it('reads the table once and serves from memory until a change', async () => {
    const { set, current, journal } = setup();
    await set('se-uppsala', even);
    journal.length = 0;

    await current.current('se-uppsala');
    await current.current('se-skane');

    expect(journal).toEqual(['weights.all']);
  });
});

describe(GetWeightsHandler.name, () => {
  it("lists only the region's versions, oldest first, with the current weights", async () => {
    const { set, get } = setup();
    await set('se-uppsala', even);
    await set('se-skane', even);
    await set('se-uppsala', tasksFirst);

    const view = await get('se-uppsala');

    expect(view).toEqual({
      region: 'se-uppsala',
      current: { version: 'se-uppsala-v2', ...tasksFirst },
      history: ['se-uppsala-v1', 'se-uppsala-v2'],
    });
    expect(await get('se-13')).toEqual({ region: 'se-13', current: DEFAULT_WEIGHTS, history: [] });
  });
});
