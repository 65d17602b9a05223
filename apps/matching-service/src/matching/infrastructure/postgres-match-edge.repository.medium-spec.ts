import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { matchingDatabase } from '../../../test/matching-database';
import type { StoredEdge } from '../domain/match-edge';
import { PostgresMatchEdgeRepository } from './postgres-match-edge.repository';

const repository = new PostgresMatchEdgeRepository();

const edge = (candidateId: string, needId: string, score: number, scoredOn = '2026-02-14'): StoredEdge => ({
  candidateId,
  needId,
  score,
  weightsVersion: 'default-v1',
  scoredOn,
});

describe(PostgresMatchEdgeRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  const edgesOf = (pairs: { candidate: string; need: string }[]) => db.transaction((em) => repository.edges(em, pairs));

  it("replaces a need's edges and leaves every other need's alone; scores come back as numbers", async () => {
    const [n1, n2, c1, c2, c3] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await db.transaction((em) => repository.replaceNeedEdges(em, n1, [edge(c1, n1, 71.25), edge(c2, n1, 40)]));
    await db.transaction((em) => repository.replaceNeedEdges(em, n2, [edge(c1, n2, 12.5)]));

    await db.transaction((em) => repository.replaceNeedEdges(em, n1, [edge(c3, n1, 55.5)]));

    const found = await edgesOf([
      { candidate: c1, need: n1 },
      { candidate: c3, need: n1 },
      { candidate: c1, need: n2 },
    ]);
    expect([...found.keys()].sort()).toEqual([`${c3}|${n1}`, `${c1}|${n2}`].sort());
    expect(found.get(`${c3}|${n1}`)).toEqual(edge(c3, n1, 55.5));
    expect(found.get(`${c1}|${n2}`)!.score).toBe(12.5);
  });

  it("replaces a candidate's edges, overwriting a pair that already had one", async () => {
    const [n1, n2, c1] = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction((em) => repository.replaceNeedEdges(em, n1, [edge(c1, n1, 30)]));
    await db.transaction((em) => repository.replaceNeedEdges(em, n2, [edge(c1, n2, 30)]));

    await db.transaction((em) => repository.replaceCandidateEdges(em, c1, [edge(c1, n2, 88, '2026-12-31')]));

    const found = await edgesOf([
      { candidate: c1, need: n1 },
      { candidate: c1, need: n2 },
    ]);
    // The day it was scored on comes back as the calendar day it was, in any time zone.
    expect([...found.values()]).toEqual([edge(c1, n2, 88, '2026-12-31')]);
  });

  it("replaces several candidates' edges in one go, and leaves everyone else's alone", async () => {
    const [n1, n2, c1, c2, c3] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await db.transaction((em) => repository.replaceNeedEdges(em, n1, [edge(c1, n1, 10), edge(c2, n1, 20), edge(c3, n1, 30)]));

    await db.transaction((em) => repository.replaceEdgesOfCandidates(em, [c1, c2], [edge(c2, n2, 66)]));

    const found = await edgesOf([c1, c2, c3].flatMap((c) => [n1, n2].map((n) => ({ candidate: c, need: n }))));
    expect([...found.values()].sort((x, y) => x.score - y.score)).toEqual([edge(c3, n1, 30), edge(c2, n2, 66)]);
  });

  it("replaces several needs' edges in one statement: a kept pair takes its new score, the others of those needs go, other needs' stay", async () => {
    const [n1, n2, n3, c1, c2, c3] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await db.transaction((em) => repository.replaceNeedEdges(em, n1, [edge(c1, n1, 10), edge(c2, n1, 20)]));
    await db.transaction((em) => repository.replaceNeedEdges(em, n2, [edge(c1, n2, 30)]));
    await db.transaction((em) => repository.replaceNeedEdges(em, n3, [edge(c2, n3, 40)]));
    const statements: string[] = [];
    const counting = (em: { query: (sql: string, params?: unknown[]) => Promise<unknown> }) => ({
      query: (sql: string, params?: unknown[]) => (statements.push(sql), em.query(sql, params)),
    });

    await db.transaction((em) =>
      repository.replaceEdgesOfNeeds(counting(em) as never, [n1, n2], [edge(c1, n1, 15, '2026-03-01'), edge(c3, n1, 25), edge(c3, n2, 35)]),
    );

    expect(statements).toHaveLength(1);
    const found = await edgesOf([c1, c2, c3].flatMap((c) => [n1, n2, n3].map((n) => ({ candidate: c, need: n }))));
    expect([...found.values()].sort((x, y) => x.score - y.score)).toEqual([
      edge(c1, n1, 15, '2026-03-01'),
      edge(c3, n1, 25),
      edge(c3, n2, 35),
      edge(c2, n3, 40),
    ]);
    // No edges left for a need: all of its edges go.
    await db.transaction((em) => repository.replaceEdgesOfNeeds(em, [n1], []));
    expect([...(await edgesOf([c1, c3].map((c) => ({ candidate: c, need: n1 })))).keys()]).toEqual([]);
  });

  it('deletes one pair, and lists every edge for a rebuild', async () => {
    const [n1, c1, c2] = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction((em) => repository.replaceNeedEdges(em, n1, [edge(c1, n1, 10), edge(c2, n1, 20)]));

    await db.transaction((em) => repository.deleteEdge(em, c1, n1));

    const all = await db.transaction((em) => repository.all(em));
    expect(all.filter((e) => e.needId === n1)).toEqual([{ candidateId: c2, needId: n1, score: 20 }]);
    expect((await edgesOf([])).size).toBe(0);
  });
});
