/// <reference lib="dom" />
import { DEMO_START_TIMEOUT } from '../support/processes';
import type { Page } from 'playwright-core';
import { en } from '../../apps/web/src/i18n/en';
import { sv } from '../../apps/web/src/i18n/sv';
import { eventually } from '../support/kafka-probe';
import {
  accessibilityViolations,
  Language,
  openPage,
  problemsOf,
  screenshot,
  settled,
  signIn,
  startWebStack,
  WebStack,
} from './web-fixture';

type Dictionary = { [key: string]: string | Dictionary };
const flatten = (d: Dictionary): string[] => Object.values(d).flatMap((v) => (typeof v === 'string' ? [v] : flatten(v)));
/** The other language's own phrases (not shared, no placeholders, several words: single words also occur in data). */
const foreignStrings = (language: Language): string[] => {
  const mine = new Set(flatten((language === 'sv' ? sv : en) as Dictionary));
  return flatten((language === 'sv' ? en : sv) as Dictionary).filter(
    (s) => !mine.has(s) && !s.includes('{{') && s.length >= 8 && s.includes(' '),
  );
};

interface PageCase {
  name: string;
  role?: string;
  organisation?: string;
  path: (ids: Ids) => string;
  /** Something the page must show once loaded, to prove it rendered its data, not an error. */
  expect: (page: Page) => Promise<void>;
}
interface Ids {
  need: string;
  role: string;
  internship: string;
  candidate: string;
  /** A candidate of Skövde's coordinator who passes every rule for a need but is out-competed there. */
  outCompeted: { candidate: string; need: string };
}

const CASES: PageCase[] = [
  { name: 'start', path: () => '/', expect: async (page) => void (await page.locator('#login').waitFor()) },
  {
    name: 'employer-needs',
    role: 'employer',
    organisation: 'Skövde kommun',
    path: () => '/employer/needs',
    expect: async (page) => void (await page.locator('table tbody tr').first().waitFor()),
  },
  {
    name: 'employer-new-need',
    role: 'employer',
    organisation: 'Skövde kommun',
    path: () => '/employer/needs/new',
    expect: async (page) => void (await page.locator('#roleId option').nth(1).waitFor({ state: 'attached' })),
  },
  {
    name: 'employer-need',
    role: 'employer',
    organisation: 'Skövde kommun',
    path: (ids) => `/employer/needs/${ids.need}`,
    expect: async (page) => void (await page.locator('#proposals').waitFor()),
  },
  {
    name: 'employer-proposals',
    role: 'employer',
    organisation: 'Skövde kommun',
    path: () => '/employer/proposals',
    // The proposal the suite had the coordinator accept: its tasks drawn, the two answer forms.
    expect: async (page) => {
      await page.locator('.cards .tasks-details .task-row').first().waitFor();
      await page.locator('.answer-forms select').first().waitFor();
    },
  },
  {
    name: 'employer-placements',
    role: 'employer',
    organisation: 'Skövde kommun',
    path: () => '/employer/placements',
    expect: async (page) => void (await page.locator('table tbody tr').first().waitFor()),
  },
  {
    name: 'hr-roles',
    role: 'municipal-hr',
    organisation: 'Skövde kommun',
    path: () => '/hr/roles',
    expect: async (page) => void (await page.locator('.cards li').first().waitFor()),
  },
  {
    name: 'hr-role-designer',
    role: 'municipal-hr',
    organisation: 'Skövde kommun',
    path: (ids) => `/hr/roles/${ids.role}`,
    // The role's tasks, and the supply preview's figures for them.
    expect: async (page) => {
      await page.locator('.chosen-task').first().waitFor();
      await page.locator('[data-figure="qualify"]').waitFor();
    },
  },
  {
    name: 'supervisor-interns',
    role: 'supervisor',
    organisation: 'Skövde kommun',
    path: () => '/supervisor/interns',
    expect: async (page) => void (await page.locator('tbody tr').first().waitFor()),
  },
  {
    name: 'supervisor-intern',
    role: 'supervisor',
    organisation: 'Skövde kommun',
    path: (ids) => `/supervisor/interns/${ids.internship}`,
    expect: async (page) => void (await page.locator('#taskId option').nth(1).waitFor({ state: 'attached' })),
  },
  {
    name: 'coordinator-candidates',
    role: 'coordinator',
    organisation: 'Skövde kommun',
    path: () => '/coordinator/candidates',
    expect: async (page) => void (await page.locator('tbody tr').first().waitFor()),
  },
  {
    name: 'coordinator-new-candidate',
    role: 'coordinator',
    organisation: 'Skövde kommun',
    path: () => '/coordinator/candidates/new',
    expect: async (page) => void (await page.locator('.check-grid input').first().waitFor()),
  },
  {
    name: 'coordinator-candidate',
    role: 'coordinator',
    organisation: 'Skövde kommun',
    path: (ids) => `/coordinator/candidates/${ids.candidate}`,
    expect: async (page) => void (await page.locator('#internships ~ ul .card table, #internships ~ p').first().waitFor()),
  },
  {
    name: 'coordinator-queue',
    role: 'coordinator',
    organisation: 'Skövde kommun',
    path: () => '/coordinator/queue',
    expect: async (page) => void (await page.locator('.factor-bars').first().waitFor()),
  },
  {
    name: 'coordinator-placements',
    role: 'coordinator',
    organisation: 'Familjen Helsingborg',
    path: () => '/coordinator/placements',
    // The demo history's overdue follow-ups, and the placements table.
    expect: async (page) => {
      await page.locator('ol.cards > li form select').first().waitFor();
      await page.locator('tbody tr').first().waitFor();
    },
  },
  {
    name: 'hr-proposals',
    role: 'municipal-hr',
    organisation: 'Skövde kommun',
    path: () => '/hr/proposals',
    // HR answers for the municipality as employer: the accepted proposal the employer's staff has not confirmed.
    expect: async (page) => void (await page.locator('.cards .tasks-details .task-row').first().waitFor()),
  },
  {
    name: 'hr-placements',
    role: 'municipal-hr',
    organisation: 'Skövde kommun',
    path: () => '/hr/placements',
    expect: async (page) => void (await page.locator('table tbody tr').first().waitFor()),
  },
  {
    name: 'hr-why-start',
    role: 'municipal-hr',
    organisation: 'Skövde kommun',
    path: () => '/hr/why',
    // Her municipality's needs to choose from, and the pseudonym field.
    expect: async (page) => {
      await page.locator('#hr-why-need option').first().waitFor({ state: 'attached' });
      await page.locator('#why-candidate').waitFor();
    },
  },
  {
    name: 'coordinator-why',
    role: 'coordinator',
    organisation: 'Skövde kommun',
    path: (ids) => `/coordinator/candidates/${ids.candidate}/why/${ids.need}`,
    // The verdict, and every hard filter as a checklist with its values.
    expect: async (page) => {
      await page.locator('.verdict').waitFor();
      await page.locator('.checklist li').nth(5).waitFor();
    },
  },
  {
    name: 'coordinator-why-out-competed',
    role: 'coordinator',
    organisation: 'Skövde kommun',
    path: (ids) => `/coordinator/candidates/${ids.outCompeted.candidate}/why/${ids.outCompeted.need}`,
    // The capacity that decided it, drawn: the scores holding the room, hers, and the score she would need.
    expect: async (page) => {
      await page.locator('#why-capacity ~ .capacity .score-bars li').first().waitFor();
      await page.locator('.score-needed').waitFor();
    },
  },
  {
    name: 'employer-why',
    role: 'employer',
    organisation: 'Skövde kommun',
    path: (ids) => `/employer/needs/${ids.need}/why/${ids.candidate}`,
    expect: async (page) => {
      await page.locator('.verdict').waitFor();
      await page.locator('.checklist li').nth(5).waitFor();
    },
  },
  {
    name: 'analyst-overview',
    role: 'analyst',
    // Analysts are a region's (or a cooperation's), not a municipality's.
    organisation: 'Region Skåne',
    path: () => '/analyst/overview',
    // The goal and funnel sections show their data, or say that none is there yet (the demo seeds no goal today).
    expect: async (page) => {
      await page.locator('#goal-heading').waitFor();
      await page.locator('#funnel-heading').waitFor();
      await page.locator('#registered-heading ~ .chart-grid canvas').first().waitFor();
    },
  },
  {
    name: 'analyst-equal-distribution',
    role: 'analyst',
    organisation: 'Region Skåne',
    path: () => '/analyst/equal-distribution',
    // Region Skåne's, with the demo's placements seven months back in Helsingborg: the warnings, the ratios against the band, the groups.
    expect: async (page) => {
      await page.locator('#warnings-heading').waitFor();
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - 7);
      await page.locator('#month').selectOption(d.toISOString().slice(0, 7));
      await page.locator('#area').selectOption({ label: 'Helsingborg' });
      await page.locator('#groups-heading ~ .table-wrap caption', { hasText: 'Helsingborg' }).waitFor();
      await page.locator('#ratio-chart ~ .chart canvas').waitFor();
      await page.locator('#groups-heading ~ .table-wrap tbody tr').first().waitFor();
      // Placements are counted, not only a table of zeros: the demo placed Helsingborg's cohort that month.
      await page
        .locator('#groups-heading ~ .table-wrap tbody td:nth-of-type(1)', { hasText: /^[1-9]\d*$/ })
        .first()
        .waitFor();
    },
  },
  {
    name: 'analyst-where-to-train',
    role: 'analyst',
    organisation: 'Region Skåne',
    path: () => '/analyst/where-to-train',
    expect: async (page) => {
      await page.locator('#train-chart ~ .chart canvas').waitFor();
      await page.locator('.table-wrap tbody tr').first().waitFor();
      // The Swedish each task asks for: its kind said in the page's language, the taxonomy's Swedish marked as such.
      // Until the taxonomy has loaded the report's own text stands in (also marked Swedish, with the kind's id), so
      // wait for the kind's words; a page that never translates them fails here.
      const rawKind = /reads-written|oral-communication|writes-documentation/;
      await page.locator('.table-wrap tbody td span[lang="sv"]').first().waitFor();
      await page
        .waitForFunction((raw) => !new RegExp(raw).test(document.querySelector('.table-wrap tbody')?.textContent ?? ''), rawKind.source, {
          timeout: 15_000,
        })
        .catch(() => undefined);
      expect(await page.locator('.table-wrap tbody').innerText()).not.toMatch(rawKind);
    },
  },
];

/**
 * Every page in both languages, in a real browser against the real services with the demo data: it renders its
 * data, axe-core finds no serious or critical WCAG 2.1 A/AA violation, no string of the other language and no
 * missing translation is on it, it fits a phone's width, and a screenshot of it is written under .data/screenshots.
 */
describe('every page of the web app', () => {
  let stack: WebStack;
  let ids: Ids;

  // Starting the system and seeding the demo as npm start does takes a minute on a loaded machine.
  beforeAll(async () => {
    stack = await startWebStack();
    const skovde = (await stack.api<{ items: Array<{ id: string; name: string }> }>('GET', '/employers?limit=100')).items.find(
      (e) => e.name === 'Skövde kommun',
    )!;
    const needs = await stack.api<{ items: Array<{ id: string }> }>('GET', `/needs?employerId=${skovde.id}&limit=10`);
    const roles = await stack.api<{ items: Array<{ id: string }> }>('GET', `/roles?employerId=${skovde.id}&kind=composed&limit=10`);
    const internships = await stack.api<{ items: Array<{ internshipId: string; candidateId: string }> }>(
      'GET',
      `/internships?workplaceId=${skovde.id}`,
    );
    // Two of the demo's proposals for Skövde kommun's needs accepted by the coordinator, one confirmed by the employer:
    // her proposals to answer and her placements have something to show.
    const queue = await stack.api<{
      items: Array<{ proposalId: string; candidateId: string; pairId: string | null; need: { employerId: string } }>;
    }>('GET', '/matching/review-queue?limit=200');
    const mine = queue.items
      .filter((p) => p.need.employerId === skovde.id && p.pairId === null)
      .filter((p, i, all) => all.findIndex((q) => q.candidateId === p.candidateId) === i)
      .slice(0, 2);
    for (const p of mine) await stack.api('POST', `/matching/proposals/${p.proposalId}/accept`);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    await stack.api(
      'POST',
      `/matching/proposals/${mine[0].proposalId}/confirm`,
      { startDate: today, support: { supervisor: true, languageSupport: false, studyCounselling: true } },
      'employer.skovde',
    );
    // An out-competed pair, which the demo's slack does not hold: four more needs like Skövde kommun's first one, so a
    // candidate who passes for all of them is proposed for K = 3 and out-competed for the fourth by her own slots.
    const template = await stack.api<{
      roleId: string;
      workplaceMunicipality: string;
      startDate: string;
      placementType: string;
      support: object;
    }>('GET', `/needs/${needs.items[0].id}`);
    const extra: string[] = [];
    for (let i = 0; i < 4; i++) {
      const posted = await stack.api<{ id: string }>(
        'POST',
        '/needs',
        {
          employerId: skovde.id,
          roleId: template.roleId,
          positions: 1,
          workplaceMunicipality: template.workplaceMunicipality,
          startDate: template.startDate,
          placementType: template.placementType,
          support: template.support,
        },
        'employer.skovde',
      );
      extra.push(posted.id);
    }
    const candidates = await stack.api<{ items: Array<{ candidateId: string }> }>('GET', '/candidates?pageSize=50');
    const outCompeted = await eventually(
      async () => {
        for (const c of candidates.items)
          for (const needId of extra) {
            const why = await stack
              .api<{ verdict: string }>('GET', `/matching/candidates/${c.candidateId}/why?needId=${needId}`)
              .catch(() => undefined);
            if (why?.verdict === 'out-competed') return { candidate: c.candidateId, need: needId };
          }
        return undefined;
      },
      60_000,
      'an out-competed pair of Skövde’s candidates',
    );
    ids = {
      outCompeted,
      need: needs.items[0].id,
      role: roles.items[0].id,
      internship: internships.items[0].internshipId,
      candidate: internships.items[0].candidateId,
    };
  }, DEMO_START_TIMEOUT);
  afterAll(async () => stack?.close());

  describe.each(['sv', 'en'] as const)('in %s', (language) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, pageCase) => {
      const { context, page } = await openPage(stack, language);
      try {
        if (pageCase.role) await signIn(page, pageCase.role, pageCase.organisation);
        await page.goto(pageCase.path(ids));
        await pageCase.expect(page);
        await settled(page);

        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator('h1').count()).toBe(1);
        const text = await page.locator('body').innerText();
        expect(text).not.toContain('⟦');
        expect(foreignStrings(language).filter((s) => text.includes(s))).toEqual([]);
        expect(await accessibilityViolations(page)).toEqual([]);
        expect(problemsOf(page)).toEqual([]);
        await screenshot(page, language, pageCase.name);

        await page.setViewportSize({ width: 375, height: 800 });
        await settled(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, language, `${pageCase.name}.phone`);
      } finally {
        await context.close();
      }
    });
  });

  it('answers every page path with the app, so a reload deep in the app works, and 404s what nobody serves', async () => {
    for (const p of ['/', '/employer/needs', `/hr/roles/${ids.role}`, '/coordinator/queue']) {
      const response = await fetch(`${stack.base}${p}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/html/);
      expect(await response.text()).toContain('<div id="root">');
    }
    expect((await fetch(`${stack.base}/assets/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${stack.base}/no-such-thing`)).status).toBe(404);
    // The API keeps its paths: /needs is JSON from employer-service, not the app.
    expect((await fetch(`${stack.base}/needs`)).headers.get('content-type')).toMatch(/json/);
  });
});
