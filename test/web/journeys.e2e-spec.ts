import type { Page } from 'playwright-core';
import { eventually } from '../support/kafka-probe';
import { openPage, signIn, startWebStack, WebStack } from './web-fixture';

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

/**
 * Each role's daily work in a real browser against the real services, checked in the browser and then through the
 * API, so a page that only looks right but stores nothing (or the wrong thing) fails.
 */
describe('the daily work in the web app', () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack();
  });
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
    await page.getByText('The need is posted.').waitFor();
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

  it('a coordinator reviews the queue: rejects one with a reason, accepts another', async () => {
    const page = await as('coordinator', 'Skövde kommun');
    await page.getByRole('heading', { name: 'Granskningskö' }).waitFor();
    const first = page.locator('.cards > li').first();
    await first.waitFor();
    const queueBefore = await stack.api<{ items: Array<{ proposalId: string; score: number }> }>('GET', '/matching/review-queue?limit=10');
    const [top, runnerUp] = queueBefore.items;
    // Highest score first, as the API orders it.
    expect(await first.getAttribute('aria-labelledby')).toBe(`proposal-${top.proposalId}`);

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

  it('shows each role its own menu and nothing else, and refuses the page of another role', async () => {
    const menus: Record<string, string[]> = {};
    for (const role of ['employer', 'municipal-hr', 'coordinator', 'analyst']) {
      const page = await as(role, 'Skövde kommun');
      menus[role] = await page.locator('nav[aria-label="Huvudmeny"] a').allInnerTexts();
      await page.context().close();
    }
    expect(menus).toEqual({
      employer: ['Mina behov'],
      'municipal-hr': ['Rolldesigner', 'Kommunens behov'],
      coordinator: ['Granskningskö'],
      analyst: ['Uppföljning'],
    });
    const page = await as('employer', 'Skövde kommun');
    await page.goto('/coordinator/queue');
    await page.getByText('Din roll har inte tillgång till den här sidan.').waitFor();
    expect(await page.locator('.cards').count()).toBe(0);
  });
});
