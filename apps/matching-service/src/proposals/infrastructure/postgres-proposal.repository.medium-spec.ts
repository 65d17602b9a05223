import type { Explanation } from '@jobbspar/matching-core';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { proposalProps } from '../../../test/fakes';
import { matchingDatabase } from '../../../test/matching-database';
import { ProposalLedger } from '../application/proposal-ledger';
import { needContext } from '../application/queries/need-context';
import { proposalView } from '../application/queries/proposal.view';
import { Proposal, ProposalProps } from '../domain/proposal';
import { ProposalResponse } from '../interface/http/dto/proposal.response';
import { PostgresProposalRepository } from './postgres-proposal.repository';

const repository = new PostgresProposalRepository();
const NOW = new Date('2026-05-20T10:00:00.123Z');

function proposal(over: Partial<ProposalProps> = {}): Proposal {
  return Proposal.restore(proposalProps({ proposalId: randomUUID(), needId: randomUUID(), candidateId: randomUUID(), ...over }));
}

describe(PostgresProposalRepository.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await matchingDatabase();
  });
  afterAll(() => db.close());

  const insert = (...proposals: Proposal[]) => db.transaction((em) => repository.insert(em, proposals));
  const find = (id: string) => db.transaction((em) => repository.findById(em, id));

  it('reads back what it inserted, many rows in one statement: score, explanation, occupations and times as they were', async () => {
    const explanation = {
      score: 61.25,
      weightsVersion: 'se-14-v2',
      factors: [{ factor: 'taskCoverage' as const, weight: 60, value: 1, contribution: 60, detail: 'all must-haves' }],
      tasksCovered: [{ taskId: 'kitchen.serve-school-lunch', required: 2 as const, reached: 3 as const, weight: 'must-have' as const }],
      tasksMissing: [],
    };
    const a = proposal({ score: 61.25, explanation, occupations: ['5120', '9111'], pairId: randomUUID(), createdAt: NOW });
    const b = proposal({ score: 40, reviewedBy: 'coordinator:c-1', reviewedAt: NOW, status: 'accepted', version: 2 });

    await insert(a, b);

    expect((await find(a.id))!.toProps()).toEqual(a.toProps());
    expect((await find(b.id))!.toProps()).toEqual(b.toProps());
    expect(await find(randomUUID())).toBeNull();
  });

  it('inserts more proposals in one statement than the protocol has parameters for one per value', async () => {
    // 23 columns: one parameter per value stopped at 2,849 rows (65,535 parameters), with a 08P01 retried as an outage.
    const many = Array.from({ length: 3000 }, (_, i) => proposal({ score: i % 100, createdAt: NOW }));

    await insert(...many);

    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM matching.proposals WHERE proposal_id = ANY($1::uuid[])`, [
      many.map((p) => p.id),
    ]);
    expect(n).toBe(3000);
    expect((await find(many[2999].id))!.toProps()).toEqual(many[2999].toProps());
  });

  it('keeps at most one live proposal per pair: a second one is refused until the first is withdrawn', async () => {
    const first = proposal();
    await insert(first);
    const again = proposal({ candidateId: first.candidateId, needId: first.needId });

    await expect(insert(again)).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'proposals_live_pair_idx' } });

    first.withdraw('reoptimised');
    await db.transaction((em) => repository.save(em, [first]));
    await insert(again);
    expect((await find(again.id))!.status).toBe('proposed');
  });

  it('saves transitions and erasure of several proposals in one statement, leaving the rest of each row as it was', async () => {
    const accepted = proposal();
    const rejected = proposal({ comment: null });
    const untouched = proposal();
    await insert(accepted, rejected, untouched);
    accepted.accept('coordinator:c-1', NOW);
    rejected.reject('commute-not-feasible', 'two buses', 'coordinator:c-2', NOW);
    rejected.forgetCandidate('6f1c1f8e-0000-4000-8000-00000000aaaa');

    await db.transaction((em) => repository.save(em, [accepted, rejected]));

    expect((await find(accepted.id))!.toProps()).toEqual(accepted.toProps());
    expect((await find(rejected.id))!.toProps()).toMatchObject({
      status: 'rejected',
      reasonCode: 'commute-not-feasible',
      comment: null,
      candidateId: '6f1c1f8e-0000-4000-8000-00000000aaaa',
      reviewedBy: 'coordinator:c-2',
      reviewedAt: NOW,
      version: 2,
    });
    expect((await find(untouched.id))!.toProps()).toEqual(untouched.toProps());
  });

  it('saves a rescore: the current score and explanation, the accepted ones beside them; finds open proposals of pairs', async () => {
    const open = proposal({ score: 62.5 });
    const rejected = proposal({ status: 'rejected' });
    await insert(open, rejected);
    open.accept('coordinator:c-1', NOW);
    const current = {
      score: 70,
      weightsVersion: 'se-14-v3',
      factors: [{ factor: 'taskCoverage' as const, weight: 60, value: 1, contribution: 70, detail: '5 of 9 tasks at the required level' }],
      tasksCovered: [{ taskId: 'kitchen.dishwashing', required: 1 as const, reached: 2 as const, weight: 'nice-to-have' as const }],
      tasksMissing: [{ taskId: 'kitchen.prepare-cold-dishes', required: 1 as const, reached: null, weight: 'nice-to-have' as const }],
    };
    expect(open.rescore(70, current, 'se-14-v3')).toBe(true);

    await db.transaction((em) => repository.save(em, [open]));

    const stored = (await find(open.id))!.toProps();
    expect(stored).toEqual(open.toProps());
    expect(stored).toMatchObject({ score: 70, weightsVersion: 'se-14-v3', acceptedScore: 62.5, status: 'accepted' });
    const found = await db.transaction((em) =>
      repository.findOpen(em, [
        { candidateId: rejected.candidateId, needId: rejected.needId },
        { candidateId: open.candidateId, needId: open.needId },
      ]),
    );
    expect(found.map((p) => p.id)).toEqual([open.id]);
    // Loaded back from jsonb, the same explanation is no change.
    expect((await find(open.id))!.rescore(70, current, 'se-14-v3')).toBe(false);
  });

  it('saves loaded proposals without sending the explanations no transition replaced, and stores those one did', async () => {
    const explained = (score: number, detail: string) => ({
      score,
      weightsVersion: 'se-14-v2',
      factors: [{ factor: 'taskCoverage' as const, weight: 60, value: 1, contribution: score, detail }],
      tasksCovered: [],
      tasksMissing: [],
    });
    const [withdrawn, rescored, accepted] = [
      proposal({ score: 50, explanation: explained(50, 'first') }),
      proposal({ score: 40, explanation: explained(40, 'second') }),
      proposal({ score: 30, explanation: explained(30, 'third') }),
    ];
    await insert(withdrawn, rescored, accepted);
    const sent: unknown[][] = [];
    await db.transaction(async (em) => {
      const loaded = await repository.findOpen(
        em,
        [withdrawn, rescored, accepted].map((p) => ({ candidateId: p.candidateId, needId: p.needId })),
      );
      const [w, r, a] = [withdrawn, rescored, accepted].map((p) => loaded.find((l) => l.id === p.id)!);
      w.withdraw('reoptimised');
      expect(r.rescore(45, explained(45, 'second, again'), 'se-14-v3')).toBe(true);
      a.accept('coordinator:c-1', NOW);
      const counting = { query: (sql: string, params?: unknown[]) => (sent.push(params ?? []), em.query(sql, params)) };
      await repository.save(counting as never, [w, r, a]);
    });

    // Explanations (10th parameter) and accepted ones (13th): only the rescore's new explanation and the acceptance's
    // copy of the current one go over the wire.
    const [params] = sent;
    expect((params[10] as unknown[]).map((x) => x !== null)).toEqual([false, true, false]);
    expect((params[13] as unknown[]).map((x) => x !== null)).toEqual([false, false, true]);
    expect((await find(withdrawn.id))!.toProps()).toMatchObject({
      status: 'withdrawn',
      explanation: explained(50, 'first'),
      acceptedExplanation: null,
    });
    expect((await find(rescored.id))!.toProps()).toMatchObject({
      score: 45,
      explanation: explained(45, 'second, again'),
      weightsVersion: 'se-14-v3',
    });
    expect((await find(accepted.id))!.toProps()).toMatchObject({
      status: 'accepted',
      explanation: explained(30, 'third'),
      acceptedScore: 30,
      acceptedExplanation: explained(30, 'third'),
    });
  });

  it('finds the proposed proposal of each pair in the order asked, and the accepted ones by need or candidate', async () => {
    const need = randomUUID();
    const [c1, c2, c3] = [randomUUID(), randomUUID(), randomUUID()];
    const p1 = proposal({ needId: need, candidateId: c1 });
    const p2 = proposal({ needId: need, candidateId: c2 });
    const acc = proposal({ needId: need, candidateId: c3, status: 'accepted' });
    const elsewhere = proposal({ candidateId: c3, status: 'accepted' });
    await insert(p1, p2, acc, elsewhere);

    const proposed = await db.transaction((em) =>
      repository.findProposed(em, [
        { candidateId: c2, needId: need },
        { candidateId: c3, needId: need },
        { candidateId: c1, needId: need },
      ]),
    );
    const byNeed = await db.transaction((em) => repository.findAccepted(em, { needId: need }));
    const byCandidate = await db.transaction((em) => repository.findAccepted(em, { candidateId: c3 }));

    expect(proposed.map((p) => p.id)).toEqual([p2.id, p1.id]);
    expect(byNeed.map((p) => p.id)).toEqual([acc.id]);
    expect(byCandidate.map((p) => p.id).sort()).toEqual([acc.id, elsewhere.id].sort());
    expect((await db.transaction((em) => repository.findByCandidate(em, c3))).map((p) => p.id).sort()).toEqual(
      [acc.id, elsewhere.id].sort(),
    );
  });

  it('lists by need, candidate, status, municipality and occupation, best score first, then oldest, in stable pages', async () => {
    const need = randomUUID();
    const old = new Date('2026-01-01T08:00:00Z');
    const rows = [
      proposal({ needId: need, score: 50, createdAt: NOW, municipality: '1496', occupations: ['5120'] }),
      proposal({ needId: need, score: 80, createdAt: NOW, municipality: '1496', occupations: ['5120'] }),
      proposal({ needId: need, score: 50, createdAt: old, municipality: '1494', occupations: ['9111'] }),
      proposal({ needId: need, score: 90, status: 'rejected', municipality: '1496', occupations: ['5120'] }),
    ];
    await insert(...rows);
    const list = (f: Partial<Parameters<PostgresProposalRepository['list']>[1]>) =>
      db.transaction((em) => repository.list(em, { needId: need, limit: 50, offset: 0, ...f }));

    const all = await list({ status: 'proposed' });
    expect(all.items.map((p) => p.id)).toEqual([rows[1].id, rows[2].id, rows[0].id]);
    expect(all.total).toBe(3);
    const page = await list({ status: 'proposed', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3 });
    expect(page.items.map((p) => p.id)).toEqual([rows[2].id]);
    expect((await list({ municipality: '1494' })).items.map((p) => p.id)).toEqual([rows[2].id]);
    expect((await list({ occupation: '5120' })).total).toBe(3);
    expect((await list({ candidateId: rows[3].candidateId })).items.map((p) => p.id)).toEqual([rows[3].id]);
  });

  it('counts what holds capacity outside the assignment and which pairs are settled', async () => {
    const need = randomUUID();
    const her = randomUUID();
    await insert(
      proposal({ needId: need, candidateId: her, status: 'accepted' }),
      proposal({ needId: need, status: 'accepted' }),
      proposal({ needId: need, status: 'rejected' }),
      proposal({ needId: need, status: 'proposed' }),
      proposal({ candidateId: her, status: 'placed' }),
      proposal({ candidateId: her, status: 'withdrawn' }),
    );

    const [perNeed, perCandidate, settledForNeed, settledForHer, proposed] = await db.transaction(async (em) => [
      await repository.acceptedPerNeed(em, [need, randomUUID()]),
      await repository.acceptedPerCandidate(em, [her]),
      await repository.settledPairs(em, { needId: need }),
      await repository.settledPairs(em, { candidateId: her }),
      await repository.proposedPairs(em),
    ]);

    expect([...perNeed]).toEqual([[need, 2]]);
    expect([...perCandidate]).toEqual([[her, 1]]);
    expect(settledForNeed.size).toBe(3);
    expect(settledForHer.size).toBe(2);
    expect([...settledForHer].every((k) => k.startsWith(`${her}|`))).toBe(true);
    expect(proposed.some((p) => p.needId === need)).toBe(true);
  });

  it('reads a page with its needs, their employers and the total in one statement', async () => {
    const tenant = `se-${String(Math.floor(Math.random() * 1e6))}`;
    const [known, unknown, employer] = [randomUUID(), randomUUID(), randomUUID()];
    const terms = {
      employerId: employer,
      roleName: 'Kockbiträde',
      roleVersion: 3,
      placementType: 'internship',
      startDate: '2026-09-01',
      tasks: [],
      shortage: true,
      support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
    };
    await db.query(
      `INSERT INTO matching.needs (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations, terms_revision, status_revision)
       VALUES ($1, 1, 'open', $2, $3, 2, '1496', '{5120}', 1, 1)`,
      [known, JSON.stringify(terms), tenant],
    );
    await db.query(
      `INSERT INTO matching.employers (employer_id, organisation_number, name, municipality_code, is_municipality) VALUES ($1, '556036-0793', 'Skövde kommun', '1496', true)`,
      [employer],
    );
    const rows = [
      proposal({ needId: known, tenant, score: 90 }),
      proposal({ needId: unknown, tenant, score: 80 }),
      proposal({ needId: known, tenant, score: 70 }),
    ];
    await insert(...rows);
    const statements: string[] = [];
    const page = (offset: number, limit = 2) =>
      db.transaction((em) => {
        const query = em.query.bind(em);
        const counted = Object.create(em) as typeof em;
        counted.query = ((sql: string, params?: unknown[]) => (statements.push(sql), query(sql, params))) as typeof em.query;
        return repository.listWithNeeds(counted, { tenant, status: 'proposed', limit, offset });
      });

    const first = await page(0);
    expect(statements).toHaveLength(1);
    expect(first.total).toBe(3);
    expect(first.items.map((i) => i.proposal.id)).toEqual([rows[0].id, rows[1].id]);
    expect(first.items[0].need).toEqual({ terms, status: 'open', positionsLeft: 2, workplaceMunicipality: '1496' });
    expect(first.items[0].employer).toEqual({ name: 'Skövde kommun' });
    expect(first.items[1].need).toBeUndefined();
    expect(first.items[1].employer).toBeUndefined();
    expect((await page(2)).items.map((i) => i.proposal.id)).toEqual([rows[2].id]);
    // Past the end there is no row to carry the total: it is counted on its own.
    expect(await page(5)).toEqual({ items: [], total: 3 });
    // `list` is the same page without its needs.
    const plain = await db.transaction((em) => repository.list(em, { tenant, status: 'proposed', limit: 2, offset: 0 }));
    expect(plain).toEqual({ items: first.items.map((i) => i.proposal), total: 3 });
  });

  it("answers a page as the API's JSON, built by the database in one statement: what the mapping of listWithNeeds' page makes", async () => {
    const tenant = `se-${String(Math.floor(Math.random() * 1e6))}`;
    const [known, noTerms, unknown, employer] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const terms = {
      employerId: employer,
      roleName: 'Kockbiträde "kall" \\ varm',
      placementType: 'employment',
      startDate: '2026-10-01',
      tasks: [{ taskId: 'kitchen.serve', requiredLevel: 2, weight: 'must-have' }],
      shortage: false,
      support: { supervisorCapacity: 0, pairInternshipAllowed: true, languageSupport: false },
    };
    await db.query(
      `INSERT INTO matching.needs (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality, occupations, terms_revision, status_revision)
       VALUES ($1, 1, 'open', $2, $3, 0, '1495', '{5120}', 1, 1), ($4, 2, 'closed', NULL, $3, 1, NULL, '{}', NULL, 2)`,
      [known, JSON.stringify(terms), tenant, noTerms],
    );
    await db.query(
      `INSERT INTO matching.employers (employer_id, organisation_number, name, municipality_code, is_municipality) VALUES ($1, '556036-0794', 'Åsa & Co', '1495', false)`,
      [employer],
    );
    const explanation: Explanation = {
      score: 87.25,
      weightsVersion: 'se-14-v2',
      factors: [{ factor: 'taskCoverage', weight: 50, value: 0.905, contribution: 45.25, detail: '2 of 2 tasks, "kök"' }],
      tasksCovered: [{ taskId: 'kitchen.serve', required: 2, reached: 3, weight: 'must-have' }],
      tasksMissing: [],
    };
    const rows = [
      proposal({ needId: known, tenant, score: 87.25, explanation, createdAt: new Date('2026-05-20T10:00:00.123Z') }),
      proposal({
        needId: known,
        tenant,
        status: 'accepted',
        score: 61.5,
        acceptedScore: 60.75,
        acceptedExplanation: explanation,
        pairId: randomUUID(),
        comment: 'Bra "match"\nny rad',
        reviewedBy: 'coordinator:abc',
        reviewedAt: new Date('2026-05-21T09:08:07.006Z'),
        createdAt: new Date('2026-05-19T23:59:59.999Z'),
        occupations: ['5120', '9412'],
      }),
      proposal({ needId: noTerms, tenant, score: 50, status: 'rejected', reasonCode: 'commute-too-long' as never }),
      proposal({ needId: unknown, tenant, score: 40, status: 'withdrawn', withdrawalReason: 'reoptimised' }),
    ];
    await insert(...rows);
    const statements: string[] = [];
    const asApi = (offset: number, limit: number) =>
      db.transaction(async (em) => {
        const query = em.query.bind(em);
        const counted = Object.create(em) as typeof em;
        counted.query = ((sql: string, params?: unknown[]) => (statements.push(sql), query(sql, params))) as typeof em.query;
        const { itemsJson, total } = await repository.pageJson(counted, { tenant, limit, offset });
        return { items: JSON.parse(itemsJson) as unknown[], total };
      });
    const mapped = async (offset: number, limit: number) => {
      const { items, total } = await db.transaction((em) => repository.listWithNeeds(em, { tenant, limit, offset }));
      const responses = items.map((i) => ProposalResponse.from(proposalView(i.proposal, needContext(i.proposal, i.need, i.employer))));
      // As the API sends them: what JSON says (no undefined, Dates as ISO text).
      return { items: JSON.parse(JSON.stringify(responses)) as unknown[], total };
    };

    const page = await asApi(0, 10);
    expect(statements).toHaveLength(1);
    expect(page).toEqual(await mapped(0, 10));
    expect(page.items).toHaveLength(4);
    expect(page.items[1]).toMatchObject({
      reviewedAt: '2026-05-21T09:08:07.006Z',
      createdAt: '2026-05-19T23:59:59.999Z',
      acceptedScore: 60.75,
    });
    expect(page.items[0]).toMatchObject({ score: 87.25, need: { employerName: 'Åsa & Co', positionsLeft: 0, roleVersion: null } });
    expect(await asApi(1, 2)).toEqual(await mapped(1, 2));
    // Past the end: no items, the total counted on its own.
    expect(await asApi(9, 2)).toEqual({ items: [], total: 4 });
  });

  it('answers settled and accepted pairs for several candidates in one query', async () => {
    const [a, b, other] = [randomUUID(), randomUUID(), randomUUID()];
    const need = randomUUID();
    await insert(
      proposal({ needId: need, candidateId: a, status: 'accepted' }),
      proposal({ candidateId: a, status: 'rejected' }),
      proposal({ candidateId: b, status: 'placed' }),
      proposal({ candidateId: b, status: 'proposed' }),
      proposal({ needId: need, candidateId: other, status: 'accepted' }),
    );
    const [settled, accepted, acceptedForNeed] = await db.transaction(async (em) => [
      await repository.settledPairs(em, { candidateIds: [a, b] }),
      await repository.acceptedPairs(em, { candidateIds: [a, b] }),
      await repository.acceptedPairs(em, { candidateIds: [a, b, other], needId: need }),
    ]);
    expect(settled.size).toBe(3);
    expect([...settled].every((k) => k.startsWith(`${a}|`) || k.startsWith(`${b}|`))).toBe(true);
    expect([...accepted]).toEqual([`${a}|${need}`]);
    expect([...acceptedForNeed].sort()).toEqual([`${a}|${need}`, `${other}|${need}`].sort());
  });

  it("holds a need's pairs in one statement: the settled and accepted ones as their own queries answer, and the open ones", async () => {
    const need = randomUUID();
    const [again, declined, placed, accepted, rejected, proposed] = Array.from({ length: 6 }, () => randomUUID());
    await insert(
      // Withdrawn, then proposed again: open, not settled.
      proposal({ needId: need, candidateId: again, status: 'withdrawn' }),
      proposal({ needId: need, candidateId: again, status: 'proposed' }),
      proposal({ needId: need, candidateId: declined, status: 'declined' }),
      proposal({ needId: need, candidateId: placed, status: 'placed' }),
      proposal({ needId: need, candidateId: accepted, status: 'accepted' }),
      proposal({ needId: need, candidateId: rejected, status: 'rejected' }),
      proposal({ needId: need, candidateId: proposed, status: 'proposed' }),
      proposal({ candidateId: proposed, status: 'proposed' }),
    );
    const ledger = new ProposalLedger(repository);
    const [held, settled, acceptedPairs] = await db.transaction(async (em) => [
      await ledger.heldPairs(em, { needId: need }),
      await repository.settledPairs(em, { needId: need }),
      await repository.acceptedPairs(em, { needId: need }),
    ]);
    const key = (c: string) => `${c}|${need}`;
    expect([...held.settled].sort()).toEqual([...settled].sort());
    expect([...held.settled].sort()).toEqual([declined, placed, accepted, rejected].map(key).sort());
    expect([...held.accepted]).toEqual([...acceptedPairs]);
    expect([...held.open].sort()).toEqual([again, accepted, proposed].map(key).sort());
  });

  it("holds several needs' pairs in one statement, each need's as its own question answers, and which needs hold slots", async () => {
    const [n1, n2, n3, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await insert(
      proposal({ needId: n1, candidateId: a, status: 'accepted' }),
      proposal({ needId: n1, candidateId: b, status: 'proposed' }),
      proposal({ needId: n2, candidateId: a, status: 'placed' }),
      proposal({ needId: n2, candidateId: c, status: 'rejected' }),
      proposal({ needId: n3, candidateId: b, status: 'declined' }),
      proposal({ needId: n3, candidateId: c, status: 'withdrawn' }),
      proposal({ needId: other, candidateId: a, status: 'accepted' }),
    );
    const ledger = new ProposalLedger(repository);
    const together = await db.transaction((em) => ledger.heldPairs(em, { needIds: [n1, n2, n3] }));
    const each = await db.transaction(async (em) => Promise.all([n1, n2, n3].map((needId) => ledger.heldPairs(em, { needId }))));
    const union = (pick: (h: (typeof each)[number]) => Set<string>) => each.flatMap((h) => [...pick(h)]).sort();
    expect([...together.settled].sort()).toEqual(union((h) => h.settled));
    expect([...together.accepted].sort()).toEqual(union((h) => h.accepted));
    expect([...together.open].sort()).toEqual(union((h) => h.open));
    // n1 holds an accepted pair, n2 a placed one; n3 only a declined and a withdrawn one, and `other` was not asked.
    expect([...together.holding].sort()).toEqual([n1, n2].map((id) => id.toLowerCase()).sort());
    expect([...together.settled].some((k) => k.endsWith(other))).toBe(false);
  });

  it('holds the row it loads with a lock until the transaction ends', async () => {
    const p = proposal();
    await insert(p);
    const tryLock = () => db.query(`SELECT 1 FROM matching.proposals WHERE proposal_id = $1 FOR UPDATE NOWAIT`, [p.id]);

    await db.transaction(async (em) => {
      await repository.findById(em, p.id, { lock: true });
      await expect(tryLock()).rejects.toMatchObject({ driverError: { code: '55P03' } });
    });
    await expect(tryLock()).resolves.toHaveLength(1);
  });
});
