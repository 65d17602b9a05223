import type { QueryRunner } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * Replay builds its scratch schema by running these migrations with the scratch schema as the data source's: a
 * migration that names `matching` itself would change the live schema instead (or fail on what exists there).
 */
describe('matching-service migrations', () => {
  const statements = async (step: 'up' | 'down', schema: string): Promise<string[]> => {
    const sql: string[] = [];
    // Reads answer nothing, but the erasure key a migration has just made.
    const query = async (q: string) => (sql.push(q), /^SELECT key FROM .*erasure_key/.test(q) ? [{ key: Buffer.alloc(32) }] : []);
    const runner = { connection: { options: { schema } }, query } as unknown as QueryRunner;
    for (const Migration of MIGRATIONS) await new Migration()[step](runner);
    return sql;
  };

  it.each(['up', 'down'] as const)('%s touches only the schema of the data source they run in', async (step) => {
    const sql = await statements(step, 'matching_replay_x1');

    expect(sql.length).toBeGreaterThan(10);
    // Quoted or not: `matching.x` and `"matching".x` both name the live schema.
    expect(sql.filter((q) => /(\bmatching|"matching")\./.test(q))).toEqual([]);
    expect(sql.filter((q) => q.includes('"matching_replay_x1".')).length).toBeGreaterThan(10);
  });
});
