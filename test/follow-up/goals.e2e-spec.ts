import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { as, authed } from '../support/auth';
import { startStack, TestStack } from '../support/stack';

jest.setTimeout(60_000);

const thisMonth = new Date().toISOString().slice(0, 7);
const monthsAgo = (n: number): string => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

/** The analyst's goals on follow-up-service's own HTTP API and PostgreSQL schema. */
describe('follow-up goals and baselines', () => {
  let stack: TestStack;
  const api = () => authed(stack.apps.followUp!.getHttpServer(), as('analyst.skane'));
  const base = '/follow-up/regions/se-12/goals';

  beforeAll(async () => {
    stack = await startStack(['followUp'], { transport: 'in-process' });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('sets a goal by form, imports monthly figures by CSV whole or not at all, and shows progress per municipality and for the cooperation', async () => {
    const baselineMonth = monthsAgo(6);
    const { body: goal } = await api()
      .post(base)
      .send({
        name: 'Halvera arbetslösheten bland utrikes födda kvinnor',
        targetGroup: 'Inskrivna arbetslösa utrikes födda kvinnor (Arbetsförmedlingen)',
        baselineMonth,
        targetMonth: monthsAgo(-18),
        reductionPercent: 50,
        baselines: [
          { municipality: '1283', value: 400 },
          { municipality: '1282', value: 120 },
        ],
      })
      .expect(201);
    expect(goal.municipalities.map((m: { municipality: string; status: string }) => [m.municipality, m.status])).toEqual([
      ['1282', 'no-figure-yet'],
      ['1283', 'no-figure-yet'],
    ]);

    const bad = await api()
      .post(`${base}/${goal.goalId}/figures/import`)
      .send({ csv: `municipality;month;value\n1283;${monthsAgo(3)};370\n0180;${monthsAgo(3)};12\n1282;${monthsAgo(3)};many\n` })
      .expect(422);
    expect(bad.body.code).toBe('INVALID_FIGURES');
    expect(bad.body.message).toContain('line 3, municipality: 0180 (Stockholm) is not in this region');
    expect(bad.body.details.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'municipality' }),
      expect.objectContaining({ line: 4, field: 'value' }),
    ]);
    // Nothing of the bad import was stored, not even its good first row.
    const unchanged = await api().get(`${base}/${goal.goalId}/progress`).expect(200);
    expect(unchanged.body.figures).toHaveLength(2);

    await api()
      .post(`${base}/${goal.goalId}/figures/import`)
      .send({ csv: `municipality;month;value\n1283;${monthsAgo(3)};340\n1282;${monthsAgo(3)};118\n` })
      .expect(200);
    const { body: progress } = await api().get(`${base}/${goal.goalId}/progress`).expect(200);
    const byCode = Object.fromEntries(progress.municipalities.map((m: { municipality: string }) => [m.municipality, m]));
    // Three months of a 24-month path from 400 to 200: 375 planned; 340 is ahead, 118 of 120 → 112.5 planned is behind.
    expect(byCode['1283']).toMatchObject({ name: 'Helsingborg', planned: 375, latest: 340, status: 'on-track', pacePerMonth: -20 });
    expect(byCode['1283'].reachedByAtCurrentPace).toBe(monthsAgo(3 - 7));
    expect(byCode['1282']).toMatchObject({ latest: 118, status: 'behind' });
    expect(progress.cooperation).toMatchObject({
      baseline: 520,
      target: 260,
      latest: 458,
      latestMonth: monthsAgo(3),
      municipalitiesCounted: 2,
    });

    const csv = await api().get(`${base}/${goal.goalId}/progress/export`).query({ format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(`data as of;${monthsAgo(3)}`);
    expect(csv.text).toContain('Helsingborg (1283);400;200');
    const xlsx = await api()
      .get(`${base}/${goal.goalId}/progress/export`)
      .query({ format: 'xlsx' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['about', `1 ${progress.name}`.slice(0, 31), '2 figures']);
  });

  it("lists the region's goals a page at a time, oldest first, each with its figures, and no other region's", async () => {
    const names = ['Mål A', 'Mål B', 'Mål C'].map((n) => `${n} ${Math.random().toString(36).slice(2, 8)}`);
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const { body } = await api()
        .post(base)
        .send({
          name,
          targetGroup: 'Inskrivna arbetslösa utrikes födda kvinnor',
          baselineMonth: monthsAgo(4),
          targetMonth: monthsAgo(-20),
          reductionPercent: 40,
          baselines: [{ municipality: '1283', value: 100 + i }],
        })
        .expect(201);
      ids.push(body.goalId);
    }
    // Other suites' goals may be there too: find ours in the whole list, then page through it.
    const { body: all } = await api().get(base).query({ limit: 100 }).expect(200);
    const order = (all.items as { goalId: string }[]).map((g) => g.goalId);
    expect(order.filter((id) => ids.includes(id))).toEqual(ids);
    expect(all.total).toBe(order.length);
    const at = order.indexOf(ids[1]);
    const { body: page } = await api().get(base).query({ limit: 2, offset: at }).expect(200);
    expect(page).toMatchObject({ total: all.total, limit: 2, offset: at });
    expect(page.items[0]).toMatchObject({
      goalId: ids[1],
      name: names[1],
      figures: [expect.objectContaining({ municipality: '1283', value: 101 })],
    });
    expect(page.items[1].goalId).toBe(ids[2]);
    // Västra Götaland's analyst sees none of Skåne's.
    const { body: theirs } = await authed(stack.apps.followUp!.getHttpServer(), as('analyst.vg'))
      .get('/follow-up/regions/se-14/goals')
      .expect(200);
    expect((theirs.items as { goalId: string }[]).some((g) => ids.includes(g.goalId))).toBe(false);

    expect(String((await api().get(base).query({ limit: 101 }).expect(400)).body.message)).toContain('limit must be at most 100');
    await api().get(base).query({ offset: -1 }).expect(400);
  });

  it('answers bad input with a clear 4xx and stores nothing', async () => {
    await api().get('/follow-up/regions/se-99/goals').expect(404);
    await api().get('/follow-up/regions/sweden/goals').expect(400);
    const future = await api()
      .post(base)
      .send({ name: 'x', targetGroup: 'y', baselineMonth: monthsAgo(-2), targetMonth: monthsAgo(-20), reductionPercent: 50 })
      .expect(422);
    expect(future.body.message).toContain(`baselineMonth: ${monthsAgo(-2)} has not begun yet (this month is ${thisMonth})`);
    await api()
      .post(base)
      .send({ name: 'x', targetGroup: 'y', baselineMonth: '2025-9', targetMonth: '2027-09', reductionPercent: 50 })
      .expect(400);
    await api().get(`${base}/5a0b0a8e-6c9f-4a53-9c0e-1d9f0b6c2f11/progress`).expect(404);
  });
});
