import { DEFAULT_WEIGHTS, FactorWeights } from '@jobbspar/matching-core';
import { FakeDataSource, FakeMatchingDb } from '../../testing/fakes';
import { WeightsInvalid, WeightsService } from './weights.service';

const even: FactorWeights = { taskCoverage: 20, interests: 20, shortage: 20, waiting: 20, supportFit: 20 };
const tasksFirst: FactorWeights = { taskCoverage: 60, interests: 10, shortage: 10, waiting: 10, supportFit: 10 };
const ACTOR = 'admin:kerstin-1';

function setup() {
  const db = new FakeMatchingDb();
  const dataSource = new FakeDataSource(db);
  return { db, dataSource, service: new WeightsService(dataSource.asDataSource()) };
}

describe(WeightsService.name, () => {
  describe('set', () => {
    it("stores a region's first weights as version 1, under the region's lock, by the acting user", async () => {
      const { service, db } = setup();

      const saved = await service.set('se-uppsala', even, ACTOR);

      expect(saved).toEqual({ version: 'se-uppsala-v1', ...even });
      expect(db.weights).toEqual([
        {
          version: 'se-uppsala-v1',
          region: 'se-uppsala',
          seq: 1,
          weights: { version: 'se-uppsala-v1', ...even },
          created_by: ACTOR,
          created_at: expect.any(Date),
        },
      ]);
      expect(db.advisoryLocks).toEqual(['weights:se-uppsala']);
      expect(db.journal).toEqual(['weights.lock', 'weights.select-all', 'weights.insert']);
    });

    it('numbers versions per region from what is stored, not from what this instance has seen', async () => {
      const { service, db } = setup();
      await service.set('se-uppsala', even, ACTOR);
      // Another instance stored v2 meanwhile.
      db.weights.push({
        version: 'se-uppsala-v2',
        region: 'se-uppsala',
        seq: 2,
        weights: { version: 'se-uppsala-v2', ...tasksFirst },
        created_by: 'admin:other-2',
        created_at: new Date('2026-04-01T00:00:00Z'),
      });

      const third = await service.set('se-uppsala', even, ACTOR);
      const otherRegion = await service.set('se-skane', tasksFirst, ACTOR);

      expect(third.version).toBe('se-uppsala-v3');
      expect(otherRegion.version).toBe('se-skane-v1');
      expect(db.weights.map((w) => [w.region, w.seq, w.version])).toEqual([
        ['se-uppsala', 1, 'se-uppsala-v1'],
        ['se-uppsala', 2, 'se-uppsala-v2'],
        ['se-uppsala', 3, 'se-uppsala-v3'],
        ['se-skane', 1, 'se-skane-v1'],
      ]);
    });

    it.each([
      ['do not sum to 100', { ...even, supportFit: 30 }],
      ['have a negative factor', { taskCoverage: 120, interests: -20, shortage: 0, waiting: 0, supportFit: 0 }],
    ])('rejects weights that %s with WEIGHTS_INVALID, storing nothing', async (_, weights) => {
      const { service, db } = setup();
      await service.set('se-uppsala', even, ACTOR);
      const before = structuredClone(db.weights);

      const attempt = service.set('se-uppsala', weights, ACTOR);

      await expect(attempt).rejects.toBeInstanceOf(WeightsInvalid);
      await expect(attempt).rejects.toMatchObject({ code: 'WEIGHTS_INVALID' });
      expect(db.weights).toEqual(before);
      expect(await service.current('se-uppsala')).toEqual({ version: 'se-uppsala-v1', ...even });
    });

    it('serves the new version right after it is set, even when the old one was cached', async () => {
      const { service } = setup();
      await service.set('se-uppsala', even, ACTOR);
      expect((await service.current('se-uppsala')).version).toBe('se-uppsala-v1');

      await service.set('se-uppsala', tasksFirst, ACTOR);

      expect(await service.current('se-uppsala')).toEqual({ version: 'se-uppsala-v2', ...tasksFirst });
    });
  });

  describe('current', () => {
    it('falls back to the defaults for a region without weights of its own, and for no region', async () => {
      const { service } = setup();
      await service.set('se-uppsala', even, ACTOR);

      expect(await service.current('se-skane')).toEqual(DEFAULT_WEIGHTS);
      expect(await service.current(undefined)).toEqual(DEFAULT_WEIGHTS);
    });
  });

  describe('history', () => {
    it("lists only the region's versions, oldest first", async () => {
      const { service } = setup();
      await service.set('se-uppsala', even, ACTOR);
      await service.set('se-skane', even, ACTOR);
      await service.set('se-uppsala', tasksFirst, ACTOR);

      const history = await service.history('se-uppsala');

      expect(history.map((h) => h.version)).toEqual(['se-uppsala-v1', 'se-uppsala-v2']);
      expect(history[1].weights).toEqual({ version: 'se-uppsala-v2', ...tasksFirst });
      expect(Number.isNaN(Date.parse(history[0].createdAt))).toBe(false);
    });
  });
});
