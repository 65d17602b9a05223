import { World } from './world';

describe('bench world', () => {
  it('gives a validation that raises her level, and none once she holds every task of her occupation at level 3', () => {
    const world = new World(7);
    world.candidate();
    const c = world.candidates[0];
    const seen = new Set<string>();
    for (;;) {
      const before = new Map(c.levels);
      const v = world.nextValidation(c);
      if (!v) break;
      expect(v.candidateId).toBe(c.id);
      expect(v.effectiveLevel).toBeGreaterThan(before.get(v.taskId) ?? 0);
      expect(c.levels.get(v.taskId)).toBe(v.effectiveLevel);
      seen.add(v.validationId);
    }
    expect(seen.size).toBeGreaterThan(0);
    expect([...c.levels.values()].every((level) => level === 3)).toBe(true);
    expect(world.nextValidation(c)).toBeUndefined();
  });
});
