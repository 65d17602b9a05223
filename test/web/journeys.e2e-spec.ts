import { DEMO_START_TIMEOUT } from '../support/processes';
import type { Page } from 'playwright-core';
import { eventually } from '../support/kafka-probe';
import { accessibilityViolations, openPage, screenshot, settled, signIn, startWebStack, WebStack } from './web-fixture';
import { Client } from 'pg';
import { demoToken } from '../support/auth';

interface Need {
  id: string;
  roleName: string;
  positions: number;
  startDate: string;
  status: string;
  support: { supervisorCapacity: number; pairInternshipAllowed: boolean };
}
interface Role {
  id: string;
  name: string;
  latestVersion: number;
  tasks: Array<{ taskId: string; requiredLevel: number; weight: string }>;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
/** Today in Sweden, and the day before: a placement may start on the Swedish day of its acceptance, not before. */
const swedishToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
const dayBefore = (day: string) => new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);

/**
 * Each role's daily work in a real browser against the real services, checked in the browser and then through the
 * API, so a page that only looks right but stores nothing (or the wrong thing) fails.
 */
describe('the daily work in the web app', () => {
  let stack: WebStack;

  // Starting the system and seeding the demo as npm start does takes a minute on a loaded machine.
  beforeAll(async () => {
    stack = await startWebStack();
  }, DEMO_START_TIMEOUT);
  afterAll(async () => stack?.close());

  async function as(role: string, organisation: string, language: 'sv' | 'en' = 'sv'): Promise<Page> {
    const { page } = await openPage(stack, language);
    await signIn(page, role, organisation);
    return page;
  }

  it('an employer posts a need: a failed submit says what is wrong next to each field and loses nothing', async () => {
    const page = await as('employer', 'Skövde kommun', 'en');
    await page.getByRole('link', { name: 'Post a need' }).click();
    await page.getByLabel('Role').selectOption({ label: 'Serviceassistent i skola och förskola' });
    await page.getByLabel('Number of positions').fill('0');
    await page.getByLabel('Pair internship possible (two together)').check();
    await page.getByRole('button', { name: 'Post the need' }).click();

    // Nothing was sent: the summary and each field say what is wrong, in English, and the choices are kept.
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Number of positions must be at least 1.');
    expect(await page.locator('#positions-error').innerText()).toBe('Number of positions must be at least 1.');
    expect(await page.locator('#startDate-error').innerText()).toBe('Fill in start date.');
    expect(await page.getByLabel('Number of positions').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Number of positions').getAttribute('aria-describedby')).toContain('positions-error');
    expect(await page.getByLabel('Pair internship possible (two together)').isChecked()).toBe(true);
    expect(await page.getByLabel('Role').inputValue()).not.toBe('');

    await page.getByLabel('Number of positions').fill('2');
    await page.getByLabel('Start date').fill(inDays(20));
    await page.getByLabel('Work training').check();
    await page.getByLabel('Supervisor places').fill('2');
    await page.getByRole('button', { name: 'Post the need' }).click();
    // The suite's first write, while other suites load the machine: room for a slow answer, and what the page said
    // if none came (a failure of the fresh-check run left no trace of it).
    await page
      .getByText('The need is posted.')
      .waitFor({ timeout: 60_000 })
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nthe page says: ${await page.locator('main').innerText()}`);
      });
    const needId = page.url().split('/').pop()!;

    const need = await stack.api<Need & { placementType: string }>('GET', `/needs/${needId}`);
    expect(need).toMatchObject({
      roleName: 'Serviceassistent i skola och förskola',
      positions: 2,
      startDate: inDays(20),
      placementType: 'work-training',
      status: 'open',
      support: { supervisorCapacity: 2, pairInternshipAllowed: true },
    });

    // Changing it and closing it from the same page.
    await page.getByLabel('Number of positions').fill('3');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    expect((await stack.api<Need>('GET', `/needs/${needId}`)).positions).toBe(3);
    await page.getByLabel('Reason').selectOption('funding-ended');
    await page.getByRole('button', { name: 'Close the need' }).click();
    await page.locator('.badge-closed').first().waitFor();
    expect(await stack.api<Need & { closeReason: string }>('GET', `/needs/${needId}`)).toMatchObject({
      status: 'closed',
      closeReason: 'funding-ended',
    });
  });

  it("keeps her municipality as the need's workplace when the list of municipalities arrives after the form", async () => {
    // As on a slow connection (or a loaded machine, where the first case once lost it): the roles answer first, the
    // form is drawn, the municipalities come a moment later. Loaded afresh so nothing is in the app's cache yet.
    const page = await as('employer', 'Skövde kommun', 'en');
    await page.route('**/taxonomy/municipalities', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto('/employer/needs/new');
    await page.getByRole('option', { name: 'Skövde' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel("Workplace's municipality").inputValue()).toBe('1496');
  });

  it("keeps a candidate's home and interests in her profile form when municipalities and occupations arrive late, and saves them unchanged", async () => {
    const [occupation] = await stack.api<Array<{ ssyk: string }>>('GET', '/taxonomy/occupations');
    const { candidateId } = await stack.api<{ candidateId: string }>('POST', '/candidates', {
      homeMunicipality: '1496',
      availableFrom: inDays(0),
      maxCommuteMinutes: 30,
      interests: [occupation.ssyk],
      supportNeeds: { closeSupervision: false, languageSupport: false },
      languages: ['sv'],
      contact: { name: 'Sen Lista' },
      consent: { matching: true },
    });
    const page = await as('coordinator', 'Skövde kommun');
    await page.route(/\/taxonomy\/(municipalities|occupations)$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto(`/coordinator/candidates/${candidateId}`);
    await page.getByText('Ändra profilen').click();
    await page.locator(`#interest-${occupation.ssyk}`).waitFor({ state: 'attached' });
    expect(await page.locator('#homeMunicipality').inputValue()).toBe('1496');
    expect(await page.locator(`#interest-${occupation.ssyk}`).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.getByText('Sparat.').waitFor();
    expect(await stack.api('GET', `/candidates/${candidateId}`)).toMatchObject({ homeMunicipality: '1496', interests: [occupation.ssyk] });
  });

  it('HR composes a role from tasks of several occupations, with levels and must-haves, then a second version', async () => {
    const page = await as('municipal-hr', 'Skövde kommun');
    await page.getByRole('link', { name: 'Ny roll' }).click();
    await page.getByLabel('Rollens namn').fill('Serviceassistent, kök och städ');
    await page.getByLabel('Sök', { exact: true }).fill('skollunch');
    await page.getByRole('button', { name: 'Lägg till: Servera skollunch' }).click();
    await page.getByLabel('Sök', { exact: true }).fill('klassrum');
    await page
      .getByRole('button', { name: /^Lägg till: .*klassrum/i })
      .first()
      .click();
    await page.getByLabel('Nivå för Servera skollunch').selectOption('3');
    const second = (await page.locator('.chosen-task .task-name').nth(1).innerText()).trim();
    await page.getByLabel(`Krav för ${second}`).selectOption('nice-to-have');
    await page.getByRole('button', { name: 'Spara rollen' }).click();
    await page.getByText('Rollen är sparad (version 1).').waitFor();
    const roleId = page.url().split('/').pop()!;

    const role = await stack.api<Role>('GET', `/roles/${roleId}`);
    expect(role.name).toBe('Serviceassistent, kök och städ');
    expect(role.tasks).toEqual(
      expect.arrayContaining([
        {
          taskId: 'kitchen.serve-school-lunch',
          requiredLevel: 3,
          weight: 'must-have',
          nameSv: 'Servera skollunch',
          nameEn: 'Serve school lunch',
        },
        expect.objectContaining({ requiredLevel: 2, weight: 'nice-to-have' }),
      ]),
    );
    expect(role.tasks).toHaveLength(2);

    // Only nice-to-haves left: refused before anything is sent, and the role keeps version 1.
    await page.getByLabel('Krav för Servera skollunch').selectOption('nice-to-have');
    await page.getByRole('button', { name: 'Spara som ny version' }).click();
    await page.getByText('Minst en uppgift måste vara ett krav (måste).').first().waitFor();
    expect((await stack.api<Role>('GET', `/roles/${roleId}`)).latestVersion).toBe(1);

    await page.getByLabel('Krav för Servera skollunch').selectOption('must-have');
    await page.getByRole('button', { name: 'Ta bort Servera skollunch' }).click();
    await page.getByLabel('Sök', { exact: true }).fill('disk');
    await page.getByRole('button', { name: 'Lägg till: Diska och sköta diskmaskin' }).click();
    await page.getByRole('button', { name: 'Spara som ny version' }).click();
    await page.getByText('Rollen är sparad (version 2).').waitFor();
    const revised = await stack.api<Role & { versions: unknown[] }>('GET', `/roles/${roleId}`);
    expect(revised.latestVersion).toBe(2);
    expect(revised.tasks.map((t) => t.taskId)).toContain('kitchen.dishwashing');
    expect(revised.tasks.map((t) => t.taskId)).not.toContain('kitchen.serve-school-lunch');
    expect(await page.locator('.versions li').count()).toBe(2);
  });

  it('HR composes serviceassistent and sees the supply preview change as she adds a task, its level and its must-have', async () => {
    // A kitchen task nobody holds yet: as a must-have it stops everyone qualifying, and is the one validation away.
    const held = new Set<string>();
    const demo = await stack.api<{ items: Array<{ candidateId: string }> }>('GET', '/candidates?pageSize=100');
    for (const c of demo.items) {
      const { taskLevels } = await stack.api<{ taskLevels: Record<string, number> }>('GET', `/candidates/${c.candidateId}`);
      for (const task of Object.keys(taskLevels)) held.add(task);
    }
    const unheld = (await stack.api<Array<{ id: string; nameSv: string }>>('GET', '/taxonomy/tasks')).find(
      (t) => t.id.startsWith('kitchen.') && !held.has(t.id),
    )!;
    const page = await as('municipal-hr', 'Skövde kommun');
    await page.getByRole('link', { name: 'Ny roll' }).click();
    const preview = page.getByTestId('supply-preview');
    const figure = async (name: string) => Number(await preview.locator(`[data-figure="${name}"]`).innerText());
    const settled = async () => page.getByText('Uppdaterar…').waitFor({ state: 'detached' });
    expect(await preview.innerText()).toContain('Lägg till uppgifter');
    // Her own municipality is the workplace asked about, once the list of municipalities is there.
    await page.locator('#supply-workplace option[value="1496"]').waitFor({ state: 'attached' });
    expect(await page.getByLabel('Arbetsplatsens kommun').inputValue()).toBe('1496');

    await page.getByLabel('Rollens namn').fill('Serviceassistent');
    await page.getByLabel('Sök', { exact: true }).fill('skollunch');
    await page.getByRole('button', { name: 'Lägg till: Servera skollunch' }).click();
    await preview.locator('[data-figure="qualify"]').waitFor();
    await settled();
    // Demo Amal lives in Skövde and holds every must-have of serviceassistent at its level.
    const qualifying = await figure('qualify');
    expect(qualifying).toBeGreaterThanOrEqual(1);
    const api = await stack.api<{ qualify: number; oneValidationAway: number }>('POST', '/matching/supply-preview', {
      workplaceMunicipality: '1496',
      tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' }],
    });
    expect([qualifying, await figure('one-away')]).toEqual([api.qualify, api.oneValidationAway]);

    // Adding the task nobody holds: nobody qualifies, the ones who did are one validation away, and it says which.
    await page.getByLabel('Sök', { exact: true }).fill(unheld.nameSv);
    await page.getByRole('button', { name: `Lägg till: ${unheld.nameSv}` }).click();
    await settled();
    expect(await figure('qualify')).toBe(0);
    expect(await figure('one-away')).toBe(qualifying);
    const closing = preview.locator('.closing-validations li', { hasText: unheld.nameSv });
    expect(await closing.innerText()).toContain(
      qualifying === 1 ? '1 kandidat saknar bara den' : `${qualifying} kandidater saknar bara den`,
    );

    // As a nice-to-have it no longer stands in anyone's way.
    await page.getByLabel(`Krav för ${unheld.nameSv}`).selectOption('nice-to-have');
    await settled();
    expect(await figure('qualify')).toBe(qualifying);
    // Asking level 3 of the school lunch: those at level 2 are now one validation away, validated below the level.
    await page.getByLabel('Nivå för Servera skollunch').selectOption('3');
    await settled();
    expect(await figure('qualify')).toBeLessThan(qualifying);
    expect(await preview.locator('.closing-validations li', { hasText: 'Servera skollunch' }).innerText()).toMatch(/har en lägre nivå/);

    // On a phone the panel is below the search: a bar at the foot of the screen keeps both counts in sight while she
    // adds tasks at the top, and it changes with them.
    const sticky = page.getByTestId('supply-sticky');
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByLabel('Sök', { exact: true }).scrollIntoViewIfNeeded();
    expect(await preview.isVisible()).toBe(true);
    const inView = async () => {
      const box = (await sticky.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 740;
    };
    expect(await inView()).toBe(true);
    const counts = async () => (await sticky.locator('strong').allInnerTexts()).map(Number);
    expect(await counts()).toEqual([await figure('qualify'), await figure('one-away')]);
    await page.getByLabel('Nivå för Servera skollunch').selectOption('2');
    await settled();
    expect(await counts()).toEqual([qualifying, await figure('one-away')]);
    expect(await inView()).toBe(true);
    // On a wide screen the panel is beside the list and the bar is not shown.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await sticky.isVisible()).toBe(false);
  });

  it('the supply preview refuses what it cannot answer with a message that names the field', async () => {
    const ask = async (body: unknown) => {
      const response = await fetch(`${stack.base}/matching/supply-preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${demoToken('hr.skovde')}` },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { message: string | string[]; code?: string } };
    };
    const lunch = { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' };
    const empty = await ask({ workplaceMunicipality: '1496', tasks: [] });
    expect(empty.status).toBe(400);
    expect(String(empty.body.message)).toContain('tasks');
    const level = await ask({ workplaceMunicipality: '1496', tasks: [{ ...lunch, requiredLevel: 4 }] });
    expect(level.status).toBe(400);
    expect(String(level.body.message)).toContain('requiredLevel');
    const unknown = await ask({ workplaceMunicipality: '1496', tasks: [lunch, { ...lunch, taskId: 'kitchen.no-such-task' }] });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'SUPPLY_PREVIEW_INVALID' } });
    expect(String(unknown.body.message)).toContain('tasks.1.taskId');
    const nowhere = await ask({ workplaceMunicipality: '0000', tasks: [lunch] });
    expect(nowhere).toMatchObject({ status: 422, body: { code: 'SUPPLY_PREVIEW_INVALID' } });
  });

  it('a coordinator reviews the queue: rejects one with a reason, accepts another', async () => {
    const page = await as('coordinator', 'Skövde kommun');
    await page.getByRole('heading', { name: 'Granskningskö' }).waitFor();
    const first = page.locator('.cards > li').first();
    await first.waitFor();
    const queueBefore = await stack.api<{ items: Array<{ proposalId: string; candidateId: string; needId: string; score: number }> }>(
      'GET',
      '/matching/review-queue?limit=10',
    );
    const [top, runnerUp] = queueBefore.items;
    // Highest score first, as the API orders it.
    expect(await first.getAttribute('aria-labelledby')).toBe(`proposal-${top.proposalId}`);
    // Each card of her area's candidates names her as candidate-service has her; another area's only by pseudonym.
    let named = 0;
    for (const proposal of queueBefore.items) {
      const item = page.locator(`[aria-labelledby="proposal-${proposal.proposalId}"] .queue-candidate`);
      const name = await stack
        .api<{ contact: { name: string } }>('GET', `/candidates/${proposal.candidateId}`)
        .then((c) => c.contact.name)
        .catch((e: Error) => {
          if (!/: 404 /.test(e.message)) throw e;
          return undefined;
        });
      if (name) named += 1;
      await item.getByRole('link', { name: name ?? `Pseudonym: ${proposal.candidateId}` }).waitFor();
    }
    expect(named).toBeGreaterThan(0);
    // Each card has its need's role and terms from employer-service (the page asks for its needs in one call).
    for (const proposal of queueBefore.items) {
      const need = await stack.api<Need & { positionsOpen: number }>('GET', `/needs/${proposal.needId}`);
      const card = page.locator(`[aria-labelledby="proposal-${proposal.proposalId}"]`);
      await card.locator('h2', { hasText: need.roleName }).waitFor();
      await card
        .locator('.meta', { hasText: `Startdatum ${need.startDate} · ${need.positionsOpen} av ${need.positions} lediga` })
        .waitFor();
    }

    await first.getByRole('button', { name: 'Avvisa' }).click();
    await first.getByLabel('Anledning').selectOption('commute-not-feasible');
    await first.getByLabel(/Kommentar/).fill('Bussen går inte i tid.');
    await first.getByRole('button', { name: 'Avvisa' }).click();
    await page.getByText('Förslaget är avvisat.').waitFor();
    const rejected = await stack.api<{ status: string; reasonCode: string; comment: string }>(
      'GET',
      `/matching/proposals/${top.proposalId}`,
    );
    expect(rejected).toMatchObject({ status: 'rejected', reasonCode: 'commute-not-feasible', comment: 'Bussen går inte i tid.' });

    const next = page.locator(`[aria-labelledby="proposal-${runnerUp.proposalId}"]`);
    await next.getByRole('button', { name: 'Godkänn' }).click();
    await page.getByText('Förslaget är godkänt.').waitFor();
    await eventually(
      async () => (await stack.api<{ status: string }>('GET', `/matching/proposals/${runnerUp.proposalId}`)).status === 'accepted',
      10_000,
      'accepted',
    );
    // Neither is in the queue any more.
    await page.locator(`[aria-labelledby="proposal-${top.proposalId}"]`).waitFor({ state: 'detached' });
    await next.waitFor({ state: 'detached' });
  });

  it('a coordinator registers her and starts an internship, the supervisor assesses, the coordinator certifies and sees the proposal arrive live, and accepts', async () => {
    const employers = await stack.api<{ items: Array<{ id: string; name: string }> }>('GET', '/employers?limit=100');
    const skovde = employers.items.find((e) => e.name === 'Skövde kommun')!;
    // Two tasks nobody in the demo holds at level 3, so she is the one candidate the new need can be proposed.
    const demo = await stack.api<{ items: Array<{ candidateId: string }> }>('GET', '/candidates?pageSize=100');
    const held = new Set<string>();
    for (const c of demo.items) {
      const { taskLevels } = await stack.api<{ taskLevels: Record<string, number> }>('GET', `/candidates/${c.candidateId}`);
      for (const [task, level] of Object.entries(taskLevels)) if (level >= 3) held.add(task);
    }
    const tasks = (await stack.api<Array<{ id: string; nameSv: string }>>('GET', '/taxonomy/tasks'))
      .filter((t) => t.id.startsWith('kitchen.') && !held.has(t.id))
      .slice(0, 2);
    // Skövde's HR composes the role and posts the need (the coordinator may do neither).
    const role = await stack.api<{ id: string }>(
      'POST',
      '/roles',
      {
        employerId: skovde.id,
        name: 'Specialkock i skolköket',
        tasks: tasks.map((t) => ({ taskId: t.id, requiredLevel: 3, weight: 'must-have' })),
      },
      'hr.skovde',
    );
    const need = await stack.api<{ id: string }>(
      'POST',
      '/needs',
      {
        employerId: skovde.id,
        roleId: role.id,
        positions: 1,
        workplaceMunicipality: '1496',
        startDate: inDays(30),
        placementType: 'employment',
        support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true },
      },
      'hr.skovde',
    );

    // The coordinator registers her.
    const coordinator = await as('coordinator', 'Skövde kommun');
    await coordinator.getByRole('link', { name: 'Kandidater' }).click();
    await coordinator.getByRole('link', { name: 'Registrera kandidat' }).click();
    await coordinator.getByLabel('Namn').fill('Selam Testsdotter');
    await coordinator.getByLabel('Tillgänglig från').fill(inDays(0));
    await coordinator.locator('#interest-9412').check();
    await coordinator.getByRole('button', { name: 'Registrera kandidat' }).click();
    // Without consent she cannot be registered: said next to the box, nothing else lost.
    await coordinator.getByText('Utan samtycke till matchning kan hon inte registreras.').first().waitFor();
    expect(await coordinator.getByLabel('Namn').inputValue()).toBe('Selam Testsdotter');
    await coordinator.locator('#consent').check();
    await coordinator.getByRole('button', { name: 'Registrera kandidat' }).click();
    await coordinator.getByText('Kandidaten är registrerad.').waitFor();
    const candidateId = coordinator.url().split('/').pop()!;
    expect(await stack.api<{ contact: { name: string }; homeMunicipality: string }>('GET', `/candidates/${candidateId}`)).toMatchObject({
      contact: { name: 'Selam Testsdotter' },
      homeMunicipality: '1496',
    });

    // ... and starts her internship at Skövde kommun.
    await coordinator.locator('summary', { hasText: 'Starta en praktik' }).click();
    await coordinator.getByLabel('Arbetsplats').selectOption({ label: 'Skövde kommun' });
    await coordinator.getByLabel('Handledarens roll').fill('kökschef');
    await coordinator.getByLabel('Första dag').fill(inDays(-10));
    await coordinator.getByLabel('Sista dag').fill(inDays(20));
    await coordinator.getByRole('button', { name: 'Starta en praktik' }).click();
    await coordinator.getByText('Praktiken är startad.').waitFor();

    // The supervisor at Skövde kommun assesses both tasks at level 3, the level descriptions in front of her.
    const supervisor = await as('supervisor', 'Skövde kommun');
    await supervisor.getByRole('link', { name: `Praktikant ${candidateId.slice(0, 8)}` }).click();
    for (const task of tasks) {
      await supervisor.getByLabel('Arbetsuppgift').selectOption(task.id);
      await supervisor.locator('.level-description').first().waitFor();
      await supervisor.getByLabel(/Nivå 3: kan lära andra/).check();
      await supervisor.getByRole('button', { name: 'Spara bedömningen' }).click();
      await supervisor.getByText('Bedömningen är sparad. Samordnaren certifierar den.').waitFor();
      await supervisor.getByRole('row', { name: new RegExp(task.nameSv) }).waitFor();
    }
    expect(await supervisor.getByText('Väntar på certifiering').count()).toBe(2);

    // A second coordinator tab keeps the review queue open while the first certifies.
    const queue = await as('coordinator', 'Skövde kommun');
    await queue.getByText('Direktuppdatering på').waitFor();
    await queue.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    expect(await queue.getByRole('heading', { name: /Specialkock i skolköket/ }).count()).toBe(0);

    await coordinator.reload();
    for (const task of tasks) {
      await coordinator.getByRole('button', { name: `Certifiera: ${task.nameSv}` }).click();
      await coordinator.getByRole('row', { name: new RegExp(`${task.nameSv}.*Certifierad`) }).waitFor();
    }

    // The proposal appears in the open queue without a reload.
    const card = queue.locator('.cards > li', { has: queue.getByRole('heading', { name: /Specialkock i skolköket/ }) });
    await card.waitFor({ timeout: 30_000 });
    expect(await queue.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // Named as she was registered (from candidate-service: matching knows only her pseudonym), linked to her page.
    const named = card.getByRole('link', { name: 'Selam Testsdotter' });
    await named.waitFor();
    expect(await named.getAttribute('href')).toBe(`/coordinator/candidates/${candidateId}`);
    const proposals = await stack.api<{ items: Array<{ proposalId: string; candidateId: string }> }>(
      'GET',
      `/matching/needs/${need.id}/proposals`,
    );
    expect(proposals.items.map((p) => p.candidateId)).toEqual([candidateId]);
    await card.getByRole('button', { name: 'Godkänn' }).click();
    await queue.getByText('Förslaget är godkänt.').waitFor();
    expect((await stack.api<{ status: string }>('GET', `/matching/proposals/${proposals.items[0].proposalId}`)).status).toBe('accepted');

    // Her job track toward the new role: both steps done.
    await coordinator.getByLabel('Mot rollen').selectOption({ label: 'Specialkock i skolköket' });
    await coordinator.locator('.job-track .step').first().waitFor();
    expect(await coordinator.locator('.job-track .step-done').count()).toBe(2);
  });

  it('a coordinator erases a candidate only after confirming, and the candidate is gone', async () => {
    const { candidateId } = await stack.api<{ candidateId: string }>('POST', '/candidates', {
      homeMunicipality: '1496',
      availableFrom: inDays(0),
      maxCommuteMinutes: 30,
      interests: [],
      supportNeeds: { closeSupervision: false, languageSupport: false },
      languages: ['sv'],
      contact: { name: 'Radera Mig' },
      consent: { matching: true },
    });
    const page = await as('coordinator', 'Skövde kommun');
    await page.goto(`/coordinator/candidates/${candidateId}`);
    await page.getByRole('button', { name: 'Radera…' }).click();
    const confirm = page.getByRole('button', { name: 'Radera för alltid' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Jag förstår att det inte går att ångra.').check();
    await confirm.click();
    await page.getByText('Kandidaten är raderad.').waitFor();
    const response = await fetch(`${stack.base}/candidates/${candidateId}`, {
      headers: { authorization: `Bearer ${demoToken('coordinator.skovde')}` },
    });
    expect(response.status).toBe(404);
  });

  it('the employer answers what the coordinator accepted: a start before the acceptance is said next to the field, she confirms one and sees it in her placements, declines another', async () => {
    const employers = await stack.api<{ items: Array<{ id: string; name: string }> }>('GET', '/employers?limit=100');
    const skovde = employers.items.find((e) => e.name === 'Skövde kommun')!;
    // Two of the demo's proposals for Skövde kommun's needs, of two candidates, not pairs: the coordinator accepts them.
    const queue = await stack.api<{
      items: Array<{ proposalId: string; candidateId: string; pairId: string | null; need: { employerId: string } }>;
    }>('GET', '/matching/review-queue?limit=200');
    const mine = queue.items
      .filter((p) => p.need.employerId === skovde.id && p.pairId === null)
      .filter((p, i, all) => all.findIndex((q) => q.candidateId === p.candidateId) === i)
      .slice(0, 2);
    expect(mine).toHaveLength(2);
    for (const p of mine) await stack.api('POST', `/matching/proposals/${p.proposalId}/accept`);
    const [confirmed, declined] = mine.map((p) => p.proposalId);
    type Answer = { status: string; declineReason: string | null };
    const answer = (id: string) => stack.api<Answer>('GET', `/matching/employer-proposals/${id}`, undefined, 'employer.skovde');

    const page = await as('employer', 'Skövde kommun');
    await page.getByRole('link', { name: 'Förslag att besvara' }).click();
    const first = page.locator(`[aria-labelledby="proposal-${confirmed}"]`);
    const second = page.locator(`[aria-labelledby="proposal-${declined}"]`);
    // Each drawn with the tasks she covers and lacks, with levels.
    await first.locator('.tasks-details .task-row').first().waitFor();
    await second.waitFor();
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sv', 'employer-proposals');

    // A start the day before the acceptance: the server's 422, said next to the field in Swedish; nothing is stored.
    const today = swedishToday();
    await first.getByLabel('Första dag').fill(dayBefore(today));
    await first.getByLabel('Handledare', { exact: true }).check();
    await first.getByLabel('Språkstöd', { exact: true }).uncheck();
    await first.getByLabel('Studievägledning', { exact: true }).check();
    await first.getByRole('button', { name: 'Bekräfta' }).click();
    const error = first.locator(`#startDate-${confirmed}-error`);
    await error.waitFor();
    expect(await error.innerText()).toBe(`Första dag kan inte vara före ${today}, dagen förslaget godkändes.`);
    expect(await first.getByLabel('Första dag').getAttribute('aria-invalid')).toBe('true');
    expect(await first.getByLabel('Studievägledning', { exact: true }).isChecked()).toBe(true);
    expect((await answer(confirmed)).status).toBe('accepted');

    // Today is the day of the acceptance: confirmed, the placement starts, and the proposal leaves the list.
    await first.getByLabel('Första dag').fill(today);
    await first.getByRole('button', { name: 'Bekräfta' }).click();
    await page.getByText(`Placeringen är bekräftad och startar ${today}.`).waitFor();
    await first.waitFor({ state: 'detached' });
    expect((await answer(confirmed)).status).toBe('placed');

    // The other one declined, with a reason from the list; without one nothing is sent.
    await second.getByRole('button', { name: 'Tacka nej' }).click();
    await second.getByText('Välj en anledning.').first().waitFor();
    expect((await answer(declined)).status).toBe('accepted');
    await second.getByLabel('Anledning').selectOption({ label: 'Startdatumet fungerar inte' });
    await second.getByRole('button', { name: 'Tacka nej' }).click();
    await page.getByText('Ni har tackat nej till förslaget.').waitFor();
    await second.waitFor({ state: 'detached' });
    expect(await answer(declined)).toMatchObject({ status: 'declined', declineReason: 'start-date-not-feasible' });

    // Her placements: the confirmed one, from today, with the support she chose.
    await page.getByRole('link', { name: 'Mina placeringar' }).click();
    const row = page.locator(`tr[data-proposal="${confirmed}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(today);
    expect(await row.innerText()).toContain('Handledare, Studievägledning');
    const placements = await stack.api<{ items: Array<{ proposalId: string; startDate: string; support: object }> }>(
      'GET',
      '/matching/placements?limit=200',
      undefined,
      'employer.skovde',
    );
    expect(placements.items.find((p) => p.proposalId === confirmed)).toMatchObject({
      startDate: today,
      support: { supervisor: true, languageSupport: false, studyCounselling: true },
    });
    expect(placements.items.some((p) => p.proposalId === declined)).toBe(false);
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sv', 'employer-placements');
  });

  it('the employer confirms a placement and the analyst sees it counted in the funnel of its released month', async () => {
    // A month is published once it has closed and its follow-ups' grace has passed, and a cell of fewer than five
    // people is hidden. So the journey lives its placement in the month of the demo's last cohort in Helsingborg
    // (two months back: released whatever today's date, with six placements of the demo): candidate- and matching-
    // service travel there, as the demo did; follow-up-service stays on today's clock, on which that month is released.
    type Placement = { placementId: string; candidateId: string; startDate: string };
    const fh = <T>(apiPath: string) => stack.api<T>('GET', apiPath, undefined, 'coordinator.fh');
    const released = await stack.api<{ months: string[] }>('GET', '/follow-up/regions/se-12/outcomes/months', undefined, 'analyst.skane');
    const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
    expect(released.months).toContain(month);
    const day = `${month}-20`;

    // What the funnel must count before this journey: Helsingborg's residents whose first placement started in the
    // month, from the records the projection is made of (matching's placements, candidate-service's home municipality).
    // A month is frozen at its first reading, so the funnel itself can be read only once: afterwards.
    const placements: Placement[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await fh<{ items: Placement[]; total: number }>(`/matching/placements?limit=100&offset=${offset}`);
      placements.push(...page.items);
      if (offset + 100 >= page.total) break;
    }
    const firstStart = new Map<string, string>();
    for (const p of placements)
      if (!firstStart.has(p.candidateId) || p.startDate < firstStart.get(p.candidateId)!) firstStart.set(p.candidateId, p.startDate);
    const startedInMonth = [...firstStart].filter(([, start]) => start.startsWith(month)).map(([candidateId]) => candidateId);
    const homes = await Promise.all(
      startedInMonth.map((id) => fh<{ homeMunicipality: string }>(`/candidates/${id}`).then((c) => c.homeMunicipality)),
    );
    const before = homes.filter((home) => home === '1283').length;
    expect(before).toBeGreaterThanOrEqual(5);

    const employers = await stack.api<{ items: Array<{ id: string; name: string }> }>('GET', '/employers?limit=100');
    const helsingborg = employers.items.find((e) => e.name === 'Helsingborgs stad')!;
    // Helsingborg's HR composes a role of two tasks none of Familjen Helsingborg's candidates holds and posts a need
    // for it: the journey's candidate is then the one it can be proposed (the demo's care needs have many takers).
    const theirs = (await fh<{ items: Array<{ candidateId: string }> }>('/candidates?pageSize=100')).items;
    const levels = await Promise.all(
      theirs.map((c) => fh<{ taskLevels: Record<string, number> }>(`/candidates/${c.candidateId}`).then((x) => x.taskLevels)),
    );
    const held = new Set(levels.flatMap((l) => Object.keys(l)));
    const tasks = (await stack.api<Array<{ id: string }>>('GET', '/taxonomy/tasks'))
      .filter((t) => t.id.startsWith('construction.') && !held.has(t.id))
      .slice(0, 2);
    expect(tasks).toHaveLength(2);
    const hrCall = <T>(apiPath: string, body: unknown) => stack.api<T>('POST', apiPath, body, 'hr.helsingborg');
    const role = await hrCall<{ id: string }>('/roles', {
      employerId: helsingborg.id,
      name: 'Fastighetsassistent',
      tasks: tasks.map((t) => ({ taskId: t.id, requiredLevel: 2, weight: 'must-have' })),
    });
    const need = await hrCall<{ id: string }>('/needs', {
      employerId: helsingborg.id,
      roleId: role.id,
      positions: 1,
      workplaceMunicipality: '1283',
      startDate: inDays(30),
      placementType: 'work-training',
      support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: false },
    });
    const shift = (days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    let proposal: { proposalId: string };
    stack.travel(`${day}T10:00:00Z`);
    try {
      // Registered, both tasks assessed in her internship and certified, proposed and accepted on that day.
      const call = <T>(method: string, apiPath: string, body?: unknown) => stack.api<T>(method, apiPath, body, 'coordinator.fh');
      const { candidateId } = await call<{ candidateId: string }>('POST', '/candidates', {
        contact: { name: 'Funnel Journeysdotter' },
        homeMunicipality: '1283',
        availableFrom: day,
        maxCommuteMinutes: 60,
        interests: ['5321'],
        supportNeeds: { closeSupervision: false, languageSupport: false },
        languages: ['sv'],
        consent: { matching: true },
      });
      const { internshipId } = await call<{ internshipId: string }>('POST', '/internships', {
        candidateId,
        workplaceId: helsingborg.id,
        supervisorRole: 'handledare',
        startDate: shift(-40),
        endDate: shift(-5),
      });
      for (const [k, task] of tasks.entries()) {
        const { assessmentId } = await call<{ assessmentId: string }>('POST', `/internships/${internshipId}/assessments`, {
          taskId: task.id,
          level: 2,
          assessedOn: shift(-20 + k),
        });
        await call('POST', `/assessments/${assessmentId}/certify`);
      }
      let found: { proposalId: string } | undefined;
      await eventually(
        async () => {
          const { items } = await fh<{ items: Array<{ proposalId: string; status: string; needId: string }> }>(
            `/matching/candidates/${candidateId}/proposals`,
          );
          found = items.find((p) => p.status === 'proposed' && p.needId === need.id);
          return found !== undefined;
        },
        30_000,
        'her proposal for the need',
      );
      proposal = found!;
      await call('POST', `/matching/proposals/${proposal.proposalId}/accept`);

      // Helsingborg's HR confirms it in the browser, starting that day.
      const hr = await as('municipal-hr', 'Helsingborgs stad');
      await hr.getByRole('link', { name: 'Förslag att besvara' }).click();
      const card = hr.locator(`[aria-labelledby="proposal-${proposal.proposalId}"]`);
      await card.getByLabel('Första dag').fill(day);
      await card.getByRole('button', { name: 'Bekräfta' }).click();
      await hr.getByText(`Placeringen är bekräftad och startar ${day}.`).waitFor();
      await hr.context().close();
    } finally {
      stack.travel(null);
    }
    const hers = await stack.api<{ items: Array<Placement & { proposalId: string }> }>(
      'GET',
      '/matching/placements?limit=100',
      undefined,
      'hr.helsingborg',
    );
    const placed = hers.items.find((p) => p.proposalId === proposal.proposalId)!;
    expect(placed.startDate).toBe(day);
    const { placementId } = placed;
    // The month's first reading freezes it: wait until follow-up-service has projected the placement (in real life the
    // analyst reads weeks later).
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      await eventually(
        async () => (await db.query('SELECT 1 FROM follow_up.placements WHERE placement_id = $1', [placementId])).rowCount === 1,
        30_000,
        'the placement in follow-up-service’s projection',
      );
    } finally {
      await db.end();
    }

    // The analyst opens the month in the browser: Helsingborg's placed count is one more, in the table and the region's.
    const analyst = await as('analyst', 'Region Skåne');
    await analyst.getByRole('link', { name: 'Uppföljning' }).click();
    await analyst.locator(`#month option[value="${month}"]`).waitFor({ state: 'attached' });
    await analyst.locator('#month').selectOption(month);
    const table = analyst.locator('table', { has: analyst.locator('caption', { hasText: `Per kommun, ${month}` }) });
    // The funnel's columns: registered, first certified task, proposed, accepted, placed, ...
    const placedIn = (area: string) =>
      table
        .locator('tr', { has: analyst.locator('th', { hasText: new RegExp(`^${area}$`) }) })
        .locator('td')
        .nth(4);
    await table.waitFor();
    expect(await placedIn('Helsingborg').innerText()).toBe(String(before + 1));
    await settled(analyst);
    expect(await accessibilityViolations(analyst)).toEqual([]);
    await screenshot(analyst, 'sv', 'journey-analyst-funnel');
  });

  it('a coordinator records the follow-ups falling due, overdue first, and pages through her placements', async () => {
    type Due = { items: Array<{ placementId: string; checkpointDays: number; dueOn: string; overdue: boolean }>; today: string };
    const due = () => stack.api<Due>('GET', '/matching/follow-ups/due?withinDays=14', undefined, 'coordinator.fh');
    // The demo's placement history in Helsingborg left some checkpoints unrecorded: they are overdue now.
    const before = await due();
    const overdue = before.items.filter((i) => i.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    const target = overdue[0];

    const page = await as('coordinator', 'Familjen Helsingborg');
    await page.getByRole('link', { name: 'Placeringar' }).click();
    await page.getByRole('heading', { name: 'Uppföljningar att göra' }).waitFor();
    const cards = page.locator('ol.cards > li');
    await cards.first().waitFor();
    // Overdue first, as the API orders them, each saying so.
    expect(await cards.first().locator('.badge').innerText()).toBe('Försenad');
    const card = page.locator(`li[data-placement="${target.placementId}"]`).filter({ hasText: `efter ${target.checkpointDays} dagar` });
    expect(await card.innerText()).toContain(`Skulle göras ${target.dueOn}.`);
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Without a status nothing is sent; with one it is recorded and leaves the worklist.
    await card.getByRole('button', { name: 'Registrera uppföljningen' }).click();
    await card.getByText('Välj var hon är nu.').first().waitFor();
    expect((await due()).items.some((i) => i.placementId === target.placementId && i.checkpointDays === target.checkpointDays)).toBe(true);
    await card.getByLabel('Var är hon nu?').selectOption({ label: 'I arbete' });
    await card.getByRole('button', { name: 'Registrera uppföljningen' }).click();
    await page.getByText(`Uppföljningen efter ${target.checkpointDays} dagar är registrerad.`).waitFor();
    await card.waitFor({ state: 'detached' });
    const placement = await stack.api<{ followUps: Array<{ checkpointDays: number; status: string; recordedOn: string }> }>(
      'GET',
      `/matching/placements/${target.placementId}`,
      undefined,
      'coordinator.fh',
    );
    expect(placement.followUps).toContainEqual({ checkpointDays: target.checkpointDays, status: 'in-work', recordedOn: before.today });
    expect((await due()).items).toHaveLength(before.items.length - 1);

    // Every placement of her area, twenty a page: the second page shows the rows the API has there.
    const all = await stack.api<{ total: number; items: Array<{ placementId: string }> }>(
      'GET',
      '/matching/placements?limit=20&offset=20',
      undefined,
      'coordinator.fh',
    );
    const rows = page.locator('section[aria-labelledby="placements-heading"] tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(20, all.total));
    if (all.total > 20) {
      await page.getByRole('button', { name: 'Nästa' }).click();
      await page
        .getByText(`Sida 2 av ${Math.ceil(all.total / 20)}`)
        .first()
        .waitFor();
      await page.locator(`tr[data-placement="${all.items[0].placementId}"]`).waitFor();
      expect(await rows.count()).toBe(all.items.length);
    }
  });

  it('a coordinator ends a placement from her placements page: the outcome is asked for, a last day before the start is said next to the field, then it is ended', async () => {
    type Placement = {
      placementId: string;
      candidateId: string;
      startDate: string;
      status: string;
      endDate?: string | null;
      outcome?: string | null;
    };
    const fh = <T>(apiPath: string) => stack.api<T>('GET', apiPath, undefined, 'coordinator.fh');
    const today = swedishToday();
    const { items } = await fh<{ items: Placement[] }>('/matching/placements?limit=20&offset=0');
    const target = items.find((p) => p.status === 'started' && p.startDate <= today);
    if (!target) throw new Error('the demo has no placement under way on the first page of Familjen Helsingborg');
    const { contact } = await fh<{ contact: { name: string } }>(`/candidates/${target.candidateId}`);

    const page = await as('coordinator', 'Familjen Helsingborg');
    await page.getByRole('link', { name: 'Placeringar' }).click();
    const row = page.locator(`tr[data-placement="${target.placementId}"]`);
    await row.waitFor();
    // Her name, from candidate-service, heads the row.
    await row.getByRole('link', { name: contact.name }).waitFor();
    await row.locator('summary', { hasText: 'Avsluta placeringen' }).click();
    const form = row.getByRole('form', { name: `Avsluta placeringen som började ${target.startDate}` });
    expect(await form.getByLabel('Sista dag').inputValue()).toBe(today);

    // Without an outcome nothing is sent.
    await form.getByRole('button', { name: 'Avsluta placeringen' }).click();
    await form.getByText('Välj hur placeringen slutade.').first().waitFor();
    expect((await fh<Placement>(`/matching/placements/${target.placementId}`)).status).toBe('started');

    // A last day before the start: the server's 422, said next to the date, the outcome chosen kept.
    await form.getByLabel('Hur slutade den?').selectOption({ label: 'Fick anställning' });
    await form.getByLabel('Sista dag').fill(dayBefore(target.startDate));
    await form.getByRole('button', { name: 'Avsluta placeringen' }).click();
    await form.locator('.field-error', { hasText: `Sista dagen kan inte vara före första dagen, ${target.startDate}.` }).waitFor();
    expect(await form.getByLabel('Sista dag').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Hur slutade den?').inputValue()).toBe('employed');
    expect((await fh<Placement>(`/matching/placements/${target.placementId}`)).status).toBe('started');
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sv', 'coordinator-end-placement-error');

    await form.getByLabel('Sista dag').fill(today);
    await form.getByRole('button', { name: 'Avsluta placeringen' }).click();
    await page.getByText(`Placeringen är avslutad, sista dag ${today}.`).waitFor();
    await row.getByText(`Avslutad (sista dag ${today}, fick anställning)`).waitFor();
    expect(await row.locator('summary').count()).toBe(0);
    expect(await fh<Placement>(`/matching/placements/${target.placementId}`)).toMatchObject({
      status: 'ended',
      endDate: today,
      outcome: 'employed',
    });

    // Another placement, ended meanwhile by someone else (another session, through the API) while her form is open:
    // the 409 is said in the form, in Swedish, what she chose stays, and the other's ending stands.
    const other = items.find((p) => p.status === 'started' && p.startDate <= today && p.placementId !== target.placementId);
    if (!other) throw new Error('the demo has no second placement under way on the first page of Familjen Helsingborg');
    const otherRow = page.locator(`tr[data-placement="${other.placementId}"]`);
    await otherRow.locator('summary', { hasText: 'Avsluta placeringen' }).click();
    const otherForm = otherRow.getByRole('form', { name: `Avsluta placeringen som började ${other.startDate}` });
    await otherForm.getByLabel('Hur slutade den?').selectOption({ label: 'Avbruten' });
    await otherForm.getByLabel('Sista dag').fill(other.startDate);
    await stack.api(
      'POST',
      `/matching/placements/${other.placementId}/end`,
      { endDate: today, outcome: 'completed-no-job' },
      'coordinator.fh',
    );
    await otherForm.getByRole('button', { name: 'Avsluta placeringen' }).click();
    await otherForm
      .getByRole('alert')
      .getByText('Placeringen har redan avslutats, i en annan flik eller av någon annan. Ladda om sidan för att se hur den slutade.')
      .waitFor();
    expect(await otherForm.getByLabel('Hur slutade den?').inputValue()).toBe('interrupted');
    expect(await otherForm.getByLabel('Sista dag').inputValue()).toBe(other.startDate);
    expect(await fh<Placement>(`/matching/placements/${other.placementId}`)).toMatchObject({
      status: 'ended',
      endDate: today,
      outcome: 'completed-no-job',
    });
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sv', 'coordinator-end-placement-conflict');
  });

  it('asks why and why not: a coordinator from a proposal and from her candidate for another need, an employer from her need', async () => {
    type Why = { verdict: string; score: number | null; filters: { passed: boolean }; capacity: { scoreNeeded: number | null } };
    const whyOf = (candidateId: string, needId: string, user?: Parameters<typeof demoToken>[0]) =>
      stack.api<Why>('GET', `/matching/candidates/${candidateId}/why?needId=${needId}`, undefined, user);
    // A proposal whose candidate lives in Skövde's coordinator's area (the queue shows every area's).
    const queue = await stack.api<{ items: Array<{ proposalId: string; candidateId: string; needId: string }> }>(
      'GET',
      '/matching/review-queue?limit=200',
    );
    let mine: { proposalId: string; candidateId: string; needId: string } | undefined;
    for (const p of queue.items) {
      if (
        await whyOf(p.candidateId, p.needId).then(
          () => true,
          () => false,
        )
      ) {
        mine = p;
        break;
      }
    }
    expect(mine).toBeDefined();
    const { candidateId, needId } = mine!;
    const page = await as('coordinator', 'Skövde kommun');
    // Each card of the queue links to its pair's answer.
    await page.getByRole('heading', { name: 'Granskningskö' }).waitFor();
    const top = queue.items[0];
    const topLink = page.locator(`[aria-labelledby="proposal-${top.proposalId}"]`).getByRole('link', { name: /Varför, eller varför inte/ });
    expect(await topLink.getAttribute('href')).toBe(`/coordinator/candidates/${top.candidateId}/why/${top.needId}`);
    // From her proposal on her page.
    await page.goto(`/coordinator/candidates/${candidateId}`);
    await page.locator(`#candidate-proposals ~ .cards a[href="/coordinator/candidates/${candidateId}/why/${needId}"]`).click();
    await page.waitForURL((url) => url.pathname === `/coordinator/candidates/${candidateId}/why/${needId}`);
    // The proposal's pair: proposed, every rule met, and its factors drawn.
    await page.getByText('Föreslagen för behovet.').waitFor();
    expect(await page.locator('.checklist .check-failed').count()).toBe(0);
    await page.locator('.factor-bars li').first().waitFor();
    expect((await whyOf(candidateId, needId)).verdict).toBe('proposed');
    expect(await accessibilityViolations(page)).toEqual([]);

    // From her page, for a need she is not proposed for: the page says what the API says, with the rule that fails.
    const needs = await stack.api<{ items: Array<{ id: string; roleName: string }> }>('GET', '/needs?limit=100');
    let other: { id: string; roleName: string; why: Why } | undefined;
    for (const n of needs.items) {
      const why = await whyOf(candidateId, n.id);
      if (why.verdict === 'filtered-out') {
        other = { id: n.id, roleName: n.roleName, why };
        break;
      }
    }
    expect(other).toBeDefined();
    await page.goto(`/coordinator/candidates/${candidateId}`);
    // The chooser offers every open need, twenty a page, and finds one by its role's name.
    const { total: open } = await stack.api<{ total: number }>('GET', '/needs?limit=1');
    await page.getByText(`${open} öppna behov.`).waitFor();
    expect(await page.locator('#why-need option').count()).toBe(Math.min(20, open));
    await page.getByLabel('Sök bland öppna behov').fill(other!.roleName);
    const found = await stack.api<{ total: number }>('GET', `/needs?limit=1&q=${encodeURIComponent(other!.roleName)}`);
    await page.getByText(new RegExp(`^${found.total} (öppna|öppet) behov med ”`)).waitFor();
    let offset = 0;
    for (;;) {
      const { items } = await stack.api<{ items: Array<{ id: string }> }>(
        'GET',
        `/needs?limit=20&offset=${offset}&q=${encodeURIComponent(other!.roleName)}`,
      );
      if (items.some((n) => n.id === other!.id)) break;
      offset += 20;
      if (offset >= found.total) throw new Error(`the need ${other!.id} is not found by its role's name`);
      await page.locator('section[aria-labelledby="why-for-need"]').getByRole('button', { name: 'Nästa' }).click();
    }
    await page.locator(`#why-need option[value="${other!.id}"]`).waitFor({ state: 'attached' });
    await page.locator('#why-need').selectOption(other!.id);
    await page.getByRole('button', { name: 'Visa svaret' }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/why/${other!.id}`));
    await page.getByText('Inte föreslagen: hon uppfyller inte alla hårda villkor.').waitFor();
    expect(await page.locator('.checklist .check-failed').count()).toBeGreaterThan(0);
    // The failing rule is read out as such, not only drawn.
    expect(await page.locator('.checklist .check-failed .visually-hidden').first().innerText()).toContain('Inte uppfyllt');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sv', 'journey-why-not');

    // The employer of a need with proposals asks from her need page: the same verdict, in English this time.
    const skovde = (await stack.api<{ items: Array<{ id: string; name: string }> }>('GET', '/employers?limit=100')).items.find(
      (e) => e.name === 'Skövde kommun',
    )!;
    const hers = await stack.api<{ items: Array<{ id: string }> }>('GET', `/needs?employerId=${skovde.id}&limit=20`);
    let pair: { needId: string; candidateId: string } | undefined;
    for (const n of hers.items) {
      const proposals = await stack.api<{ items: Array<{ candidateId: string }> }>('GET', `/matching/needs/${n.id}/proposals?limit=5`);
      if (proposals.items.length > 0) {
        pair = { needId: n.id, candidateId: proposals.items[0].candidateId };
        break;
      }
    }
    expect(pair).toBeDefined();
    const employer = await as('employer', 'Skövde kommun', 'en');
    await employer.goto(`/employer/needs/${pair!.needId}`);
    await employer.locator('#proposals ~ .cards .card').first().waitFor();
    await employer
      .locator('#proposals ~ .cards .card')
      .first()
      .getByRole('link', { name: /Why, or why not/ })
      .click();
    await employer.waitForURL((url) => url.pathname.includes(`/employer/needs/${pair!.needId}/why/`));
    const asked = new URL(employer.url()).pathname.split('/').pop()!;
    const verdict = (await whyOf(asked, pair!.needId, 'employer.skovde')).verdict;
    await employer.locator(`.verdict`).waitFor();
    expect(verdict).not.toBe('filtered-out');
    await employer.locator('.checklist li').first().waitFor();
    // Her circumstances are not the employer's: availability and commute pass or fail, without her date or minutes.
    const checklist = await employer.locator('.checklist').innerText();
    expect(checklist).toContain('Available by');
    expect(checklist).toContain('the travel time is not shown to the employer');
    expect(checklist).not.toMatch(/\d+ minutes|Available from/);
    expect(await accessibilityViolations(employer)).toEqual([]);
    // A pseudonym of the wrong form is said next to the field, in English.
    await employer.goto(`/employer/needs/${pair!.needId}`);
    await employer.getByLabel("Candidate's pseudonym").fill('not-a-pseudonym');
    await employer.getByRole('button', { name: 'Show the answer' }).click();
    await employer.getByText('Enter a pseudonym of the form 8-4-4-4-12 characters (0–9, a–f).').waitFor();
    expect(await employer.getByLabel("Candidate's pseudonym").getAttribute('aria-invalid')).toBe('true');

    // Skövde's HR from her own menu entry: the municipality's need, then a candidate proposed for it.
    const hr = await as('municipal-hr', 'Skövde kommun');
    await hr.getByRole('link', { name: 'Varför / varför inte' }).click();
    await hr.getByRole('heading', { name: 'Varför, eller varför inte?', level: 1 }).waitFor();
    await hr.getByLabel('Behov', { exact: true }).selectOption(pair!.needId);
    const proposed = hr.locator('section[aria-labelledby="hr-why-proposed"] li a');
    await proposed.first().waitFor();
    const forNeed = await stack.api<{ items: Array<{ candidateId: string }> }>(
      'GET',
      `/matching/needs/${pair!.needId}/proposals?limit=50`,
      undefined,
      'hr.skovde',
    );
    expect(await proposed.count()).toBe(forNeed.items.length);
    expect(await accessibilityViolations(hr)).toEqual([]);
    await screenshot(hr, 'sv', 'journey-hr-why-start');
    await proposed.first().click();
    await hr.waitForURL((url) => url.pathname.startsWith(`/hr/needs/${pair!.needId}/why/`));
    const hrAsked = new URL(hr.url()).pathname.split('/').pop()!;
    expect(forNeed.items.map((p) => p.candidateId)).toContain(hrAsked);
    await hr.locator('.verdict').waitFor();
    expect((await whyOf(hrAsked, pair!.needId, 'hr.skovde')).verdict).not.toBe('filtered-out');
  });

  it('HR with more than a hundred needs reaches every one: her needs list and her why page page twenty at a time and search by role', async () => {
    const employers = await stack.api<{ items: Array<{ id: string; name: string }> }>('GET', '/employers?limit=100');
    const landskrona = employers.items.find((e) => e.name === 'Landskrona stad')!;
    const hr = <T>(method: string, apiPath: string, body?: unknown) => stack.api<T>(method, apiPath, body, 'hr.landskrona');
    // The demo's need of Landskrona stad, its oldest: behind 101 newer drafts it is the 102nd, past any first 100.
    const before = await hr<{ items: Need[]; total: number }>('GET', `/needs?employerId=${landskrona.id}&status=any&limit=100`);
    const oldest = before.items[before.items.length - 1];
    const standard = await hr<{ items: Array<{ id: string; name: string }> }>('GET', '/roles?kind=standard&limit=100');
    const draftRole = standard.items.find((r) => !r.name.includes(oldest.roleName.split(' ')[0]))!;
    const draft = {
      employerId: landskrona.id,
      roleId: draftRole.id,
      positions: 1,
      workplaceMunicipality: '1282',
      startDate: inDays(60),
      placementType: 'internship',
      support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: false },
      publish: false,
    };
    for (let i = 0; i < 101; i += 10) await Promise.all(Array.from({ length: Math.min(10, 101 - i) }, () => hr('POST', '/needs', draft)));
    const { total } = await hr<{ total: number }>('GET', `/needs?employerId=${landskrona.id}&status=any&limit=1`);
    expect(total).toBe(before.total + 101);
    const pages = Math.ceil(total / 20);

    // Her needs list: twenty a page, the count said; the last page has the oldest.
    const page = await as('municipal-hr', 'Landskrona stad');
    await page.getByRole('link', { name: 'Kommunens behov' }).click();
    await page.getByText(`${total} behov.`).waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(20);
    for (let p = 2; p <= pages; p++) {
      await page.getByRole('button', { name: 'Nästa' }).click();
      await page.getByText(`Sida ${p} av ${pages}`).first().waitFor();
    }
    await page.locator('tbody').getByRole('link', { name: oldest.roleName }).waitFor();
    expect(await rows.count()).toBe(total - 20 * (pages - 1));
    // Searched by its role's name: found at once, on the first page.
    await page.getByLabel('Sök bland behoven').fill(oldest.roleName);
    const found = await hr<{ total: number }>(
      'GET',
      `/needs?employerId=${landskrona.id}&status=any&limit=1&q=${encodeURIComponent(oldest.roleName)}`,
    );
    expect(found.total).toBeLessThan(20);
    await page.getByText(`${found.total} behov med ”${oldest.roleName}”.`).waitFor();
    await page.locator('tbody').getByRole('link', { name: oldest.roleName }).first().waitFor();
    expect(await rows.count()).toBe(found.total);
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Her why page: the same search reaches it, and the candidates proposed for it are offered.
    await page.getByRole('link', { name: 'Varför / varför inte' }).click();
    await page.getByText(`${total} behov.`).waitFor();
    expect(await page.locator('#hr-why-need option').count()).toBe(20);
    expect(
      await page.locator('#hr-why-need option').evaluateAll((o, id) => o.some((x) => (x as HTMLOptionElement).value === id), oldest.id),
    ).toBe(false);
    await page.getByLabel('Sök bland behoven').fill(oldest.roleName);
    await page.locator(`#hr-why-need option[value="${oldest.id}"]`).waitFor({ state: 'attached' });
    await page.locator('#hr-why-need').selectOption(oldest.id);
    const proposed = await hr<{ items: Array<{ candidateId: string }> }>('GET', `/matching/needs/${oldest.id}/proposals?limit=50`);
    const links = page.locator('section[aria-labelledby="hr-why-proposed"] li a');
    if (proposed.items.length > 0) await links.first().waitFor();
    else await page.getByText('Inga förslag just nu.', { exact: false }).waitFor();
    expect(await links.count()).toBe(proposed.items.length);
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sv', 'journey-hr-why-searched');
  });

  it('shows each role its own menu and nothing else, and refuses the page of another role', async () => {
    const menus: Record<string, string[]> = {};
    const names: Record<string, string> = {};
    for (const role of ['employer', 'municipal-hr', 'supervisor', 'coordinator', 'analyst']) {
      const page = await as(role, 'Skövde kommun');
      menus[role] = await page.locator('nav[aria-label="Huvudmeny"] a').allInnerTexts();
      names[role] = await page.locator('.who').innerText();
      await page.context().close();
    }
    // She sees her own name (the ID token's), not the pseudonymous subject the API knows her by.
    expect(names).toEqual({
      employer: 'Inloggad som Karl Arbetsgivare, arbetsgivare',
      'municipal-hr': 'Inloggad som Sara HR, HR i kommunen',
      supervisor: 'Inloggad som Sofia Handledare, handledare',
      coordinator: 'Inloggad som Johan Koordinator, samordnare',
      analyst: 'Inloggad som Ida Analytiker, analytiker',
    });
    expect(menus).toEqual({
      employer: ['Mina behov', 'Förslag att besvara', 'Mina placeringar'],
      'municipal-hr': ['Rolldesigner', 'Kommunens behov', 'Förslag att besvara', 'Kommunens placeringar', 'Varför / varför inte'],
      supervisor: ['Mina praktikanter'],
      coordinator: ['Granskningskö', 'Kandidater', 'Placeringar'],
      analyst: ['Uppföljning', 'Jämlik fördelning', 'Var utbilda'],
    });
    const page = await as('employer', 'Skövde kommun');
    await page.goto('/coordinator/queue');
    await page.getByText('Din roll har inte tillgång till den här sidan.').waitFor();
    expect(await page.locator('.cards').count()).toBe(0);
  });
});
