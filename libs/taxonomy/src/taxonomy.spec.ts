import {
  DATASET_VERSIONS,
  getCounty,
  getMunicipality,
  getOccupation,
  getTask,
  isKnownMunicipality,
  isKnownOccupation,
  isKnownTask,
  listCounties,
  listMunicipalities,
  listOccupations,
  listTasks,
  SKOVDE_ROLE_TEMPLATES,
  standardRoleTasks,
  TAXONOMY_VERSION,
  tasksOfOccupation,
  UnknownTaxonomyCodeError,
  type Task,
} from './index';
import { commute } from './commute';

// Same shape as libs/contracts' TASK_ID: task ids travel in events and must pass the consumers' validation.
const TASK_ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

describe('taxonomy versioning', () => {
  it('has a year.release version', () => {
    expect(TAXONOMY_VERSION).toMatch(/^\d{4}\.\d+$/);
  });

  it('carries the same version in every dataset', () => {
    expect(Object.keys(DATASET_VERSIONS).sort()).toEqual(['municipalities', 'occupations', 'roles', 'shortage', 'tasks']);
    for (const [dataset, version] of Object.entries(DATASET_VERSIONS)) {
      expect({ dataset, version }).toEqual({ dataset, version: TAXONOMY_VERSION });
    }
  });
});

describe('counties', () => {
  it('lists the 21 counties with their official two-digit codes', () => {
    expect(listCounties().map((c) => c.code)).toEqual([
      '01',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '12',
      '13',
      '14',
      '17',
      '18',
      '19',
      '20',
      '21',
      '22',
      '23',
      '24',
      '25',
    ]);
  });

  it.each([
    ['01', 'Stockholms län'],
    ['03', 'Uppsala län'],
    ['09', 'Gotlands län'],
    ['12', 'Skåne län'],
    ['14', 'Västra Götalands län'],
    ['18', 'Örebro län'],
    ['25', 'Norrbottens län'],
  ])('names county %s %s', (code, name) => {
    expect(getCounty(code)?.name).toBe(name);
  });

  it('knows no county for a retired or malformed code', () => {
    expect(getCounty('11')).toBeUndefined(); // Malmöhus län, merged into Skåne in 1997
    expect(getCounty('1')).toBeUndefined();
  });
});

describe('municipalities', () => {
  const all = listMunicipalities();

  it('lists exactly 290 municipalities', () => {
    expect(all).toHaveLength(290);
  });

  it('gives every municipality a unique four-digit code and a unique name', () => {
    expect(all.every((m) => /^\d{4}$/.test(m.code))).toBe(true);
    expect(new Set(all.map((m) => m.code)).size).toBe(290);
    expect(new Set(all.map((m) => m.name)).size).toBe(290);
  });

  it("places every municipality in an existing county whose code is the municipality code's prefix", () => {
    for (const m of all) {
      expect({ code: m.code, county: getCounty(m.countyCode)?.code }).toEqual({ code: m.code, county: m.code.slice(0, 2) });
    }
  });

  it('has as many municipalities per county as SCB lists', () => {
    const perCounty = Object.fromEntries(listCounties().map((c) => [c.code, listMunicipalities(c.code).length]));
    expect(perCounty).toEqual({
      '01': 26,
      '03': 8,
      '04': 9,
      '05': 13,
      '06': 13,
      '07': 8,
      '08': 12,
      '09': 1,
      '10': 5,
      '12': 33,
      '13': 6,
      '14': 49,
      '17': 16,
      '18': 12,
      '19': 10,
      '20': 15,
      '21': 10,
      '22': 7,
      '23': 8,
      '24': 15,
      '25': 14,
    });
  });

  it.each([
    ['0180', 'Stockholm', '01'],
    ['0330', 'Knivsta', '03'],
    ['0884', 'Vimmerby', '08'],
    ['0980', 'Gotland', '09'],
    ['1214', 'Svalöv', '12'],
    ['1257', 'Örkelljunga', '12'],
    ['1260', 'Bjuv', '12'],
    ['1264', 'Skurup', '12'],
    ['1265', 'Sjöbo', '12'],
    ['1270', 'Tomelilla', '12'],
    ['1275', 'Perstorp', '12'],
    ['1276', 'Klippan', '12'],
    ['1277', 'Åstorp', '12'],
    ['1278', 'Båstad', '12'],
    ['1280', 'Malmö', '12'],
    ['1282', 'Landskrona', '12'],
    ['1283', 'Helsingborg', '12'],
    ['1284', 'Höganäs', '12'],
    ['1286', 'Ystad', '12'],
    ['1291', 'Simrishamn', '12'],
    ['1292', 'Ängelholm', '12'],
    ['1480', 'Göteborg', '14'],
    ['1481', 'Mölndal', '14'],
    ['1496', 'Skövde', '14'],
    ['2584', 'Kiruna', '25'],
  ])('knows %s as %s in county %s', (code, name, countyCode) => {
    expect(getMunicipality(code)).toMatchObject({ code, name, countyCode });
    expect(isKnownMunicipality(code)).toBe(true);
  });

  it('knows no municipality for a code that does not exist', () => {
    expect(getMunicipality('1299')).toBeUndefined();
    expect(isKnownMunicipality('0000')).toBe(false);
    expect(isKnownMunicipality('1283 ')).toBe(false);
  });

  it("puts every municipal seat inside Sweden's bounding box", () => {
    for (const m of all) {
      expect({ code: m.code, inside: m.lat > 55.3 && m.lat < 69.1 && m.lon > 10.9 && m.lon < 24.2 }).toEqual({
        code: m.code,
        inside: true,
      });
    }
  });

  it('puts every municipal seat near another seat of its own county (catches a mistyped coordinate)', () => {
    for (const m of all) {
      const neighbours = listMunicipalities(m.countyCode).filter((n) => n.code !== m.code);
      if (neighbours.length === 0) continue; // Gotland
      const nearestKm = Math.min(...neighbours.map((n) => commute(m.code, n.code).distanceKm));
      expect({ code: m.code, nearAnother: nearestKm < 120 }).toEqual({ code: m.code, nearAnother: true });
    }
  });

  it('places seats where they are (spot checks to within 0.05°)', () => {
    const expected: Record<string, [number, number]> = {
      '0180': [59.33, 18.07],
      '1280': [55.6, 13.0],
      '1283': [56.05, 12.69],
      '1480': [57.71, 11.97],
      '1496': [58.39, 13.85],
      '2480': [63.83, 20.26],
      '2584': [67.86, 20.23],
    };
    for (const [code, [lat, lon]] of Object.entries(expected)) {
      const m = getMunicipality(code)!;
      expect(Math.abs(m.lat - lat)).toBeLessThan(0.05);
      expect(Math.abs(m.lon - lon)).toBeLessThan(0.05);
    }
  });

  it("keeps Familjen Helsingborg's eleven municipalities in Skåne", () => {
    const familjenHelsingborg = ['1260', '1278', '1283', '1284', '1276', '1282', '1275', '1214', '1277', '1292', '1257'];
    expect(familjenHelsingborg.map((c) => getMunicipality(c)?.countyCode)).toEqual(Array(11).fill('12'));
  });

  it('lists no municipalities for an unknown county', () => {
    expect(listMunicipalities('11')).toEqual([]);
  });
});

describe('occupations', () => {
  const occupations = listOccupations();

  it('has 25 to 35 occupations with unique four-digit SSYK codes', () => {
    expect(occupations.length).toBeGreaterThanOrEqual(25);
    expect(occupations.length).toBeLessThanOrEqual(35);
    expect(occupations.every((o) => /^\d{4}$/.test(o.ssyk))).toBe(true);
    expect(new Set(occupations.map((o) => o.ssyk)).size).toBe(occupations.length);
  });

  it.each([
    ['5321', 'Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering'],
    ['5322', 'Undersköterskor, vård- och specialavdelning och mottagning'],
    ['5330', 'Vårdbiträden'],
    ['5311', 'Barnskötare'],
    ['5312', 'Elevassistenter m.fl.'],
    ['2341', 'Grundskollärare'],
    ['2343', 'Förskollärare'],
    ['5120', 'Kockar och kallskänkor'],
    ['9412', 'Restaurang- och köksbiträden m.fl.'],
    ['9111', 'Städare'],
    ['5152', 'Fastighetsskötare'],
    ['4322', 'Lager- och terminalpersonal'],
    ['8331', 'Buss- och spårvagnsförare'],
    ['8332', 'Lastbilsförare m.fl.'],
    ['5230', 'Kassapersonal m.fl.'],
    ['7411', 'Installations- och serviceelektriker'],
    ['9310', 'Grovarbetare inom bygg och anläggning'],
  ])('names SSYK %s %s', (ssyk, nameSv) => {
    expect(getOccupation(ssyk)?.nameSv).toBe(nameSv);
    expect(isKnownOccupation(ssyk)).toBe(true);
  });

  it('gives every occupation an English name', () => {
    expect(occupations.filter((o) => o.nameEn.trim() === '')).toEqual([]);
  });

  it('has at least two tasks for every occupation', () => {
    const thin = occupations.filter((o) => tasksOfOccupation(o.ssyk).length < 2).map((o) => o.ssyk);
    expect(thin).toEqual([]);
  });

  it('names only core tasks that exist and belong to the occupation', () => {
    for (const o of occupations) {
      expect(o.coreTaskIds.length).toBeGreaterThan(0);
      for (const id of o.coreTaskIds) {
        expect({ ssyk: o.ssyk, id, belongs: getTask(id)?.occupations.includes(o.ssyk) }).toEqual({ ssyk: o.ssyk, id, belongs: true });
      }
    }
  });
});

describe('tasks', () => {
  const tasks = listTasks();

  it('has 80 to 120 tasks with unique, slug-shaped ids', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(80);
    expect(tasks.length).toBeLessThanOrEqual(120);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    expect(tasks.filter((t) => !TASK_ID.test(t.id) || t.id.length > 80).map((t) => t.id)).toEqual([]);
  });

  it('ties every task to at least one known occupation, each named once', () => {
    for (const t of tasks) {
      expect(t.occupations.length).toBeGreaterThan(0);
      expect(new Set(t.occupations).size).toBe(t.occupations.length);
      expect({ id: t.id, unknown: t.occupations.filter((s) => !isKnownOccupation(s)) }).toEqual({ id: t.id, unknown: [] });
    }
  });

  it('describes levels 1, 2 and 3 of every task, each differently', () => {
    for (const t of tasks) {
      const levels = [t.levels[1], t.levels[2], t.levels[3]];
      expect(Object.keys(t.levels).sort()).toEqual(['1', '2', '3']);
      expect(levels.every((text) => text.trim().length >= 10)).toBe(true);
      expect(new Set(levels).size).toBe(3);
    }
  });

  it('names every task in Swedish and English', () => {
    expect(tasks.filter((t) => !t.nameSv.trim() || !t.nameEn.trim())).toEqual([]);
  });

  it('gives every language demand a known kind and a description', () => {
    const demands = tasks.flatMap((t) => (t.languageDemand ? [t.languageDemand] : []));
    expect(demands.length).toBeGreaterThan(20);
    for (const d of demands) {
      expect(['reads-written-instructions', 'oral-communication', 'writes-documentation']).toContain(d.kind);
      expect(d.description.trim().length).toBeGreaterThan(5);
    }
  });

  it('filters tasks by occupation', () => {
    const cooks = listTasks({ ssyk: '5120' });
    expect(cooks.map((t) => t.id)).toContain('kitchen.cook-hot-meals');
    expect(cooks.every((t) => t.occupations.includes('5120'))).toBe(true);
    expect(cooks).toEqual(tasksOfOccupation('5120'));
    expect(tasks.filter((t) => t.occupations.includes('5120'))).toEqual(cooks);
    expect(listTasks({})).toBe(tasks);
    expect(listTasks({ ssyk: '0000' })).toEqual([]);
  });

  it('looks tasks up by id', () => {
    expect(getTask('kitchen.serve-school-lunch')?.nameSv).toBe('Servera skollunch');
    expect(isKnownTask('kitchen.serve-school-lunch')).toBe(true);
    expect(getTask('kitchen.nope')).toBeUndefined();
    expect(isKnownTask('')).toBe(false);
  });

  it('cannot be changed by a caller', () => {
    const task = getTask('kitchen.dishwashing')!;
    expect(() => (tasks as unknown as Task[]).push(task)).toThrow(TypeError);
    expect(() => ((task as { nameSv: string }).nameSv = 'x')).toThrow(TypeError);
    expect(getTask('kitchen.dishwashing')?.nameSv).toBe('Diska och sköta diskmaskin');
  });
});

describe(standardRoleTasks.name, () => {
  it.each(listOccupations().map((o) => [o.ssyk]))('composes a valid standard role for %s', (ssyk) => {
    const role = standardRoleTasks(ssyk);
    expect(role.some((t) => t.weight === 'must-have')).toBe(true);
    expect(role.length).toBeLessThanOrEqual(60); // the RoleDefined contract's limit
    expect(new Set(role.map((t) => t.taskId)).size).toBe(role.length);
    for (const t of role) {
      expect(getTask(t.taskId)?.occupations).toContain(ssyk);
      expect([1, 2, 3]).toContain(t.requiredLevel);
    }
    expect(role.map((t) => t.taskId).sort()).toEqual(
      tasksOfOccupation(ssyk)
        .map((t) => t.id)
        .sort(),
    );
  });

  it('asks for independence in core tasks and accepts support in the rest', () => {
    const role = standardRoleTasks('9412');
    expect(role.find((t) => t.taskId === 'kitchen.dishwashing')).toEqual({
      taskId: 'kitchen.dishwashing',
      requiredLevel: 2,
      weight: 'must-have',
    });
    expect(role.find((t) => t.taskId === 'kitchen.set-up-dining-room')).toEqual({
      taskId: 'kitchen.set-up-dining-room',
      requiredLevel: 1,
      weight: 'nice-to-have',
    });
  });

  it('throws for an unknown occupation', () => {
    expect(() => standardRoleTasks('0000')).toThrow(UnknownTaxonomyCodeError);
  });
});

describe('SKOVDE_ROLE_TEMPLATES', () => {
  const templates = Object.values(SKOVDE_ROLE_TEMPLATES);

  it('has the serviceassistent and enhetsassistent roles', () => {
    expect(Object.keys(SKOVDE_ROLE_TEMPLATES).sort()).toEqual(['enhetsassistent', 'serviceassistent']);
  });

  it.each(templates.map((t) => [t.key, t]))('%s uses only known tasks, each once', (_key, template) => {
    expect(template.tasks.filter((t) => !isKnownTask(t.taskId))).toEqual([]);
    expect(new Set(template.tasks.map((t) => t.taskId)).size).toBe(template.tasks.length);
  });

  it.each(templates.map((t) => [t.key, t]))('%s takes tasks from at least three of its known occupations', (_key, template) => {
    expect(template.occupations.every(isKnownOccupation)).toBe(true);
    const drawnFrom = new Set(
      template.tasks.flatMap((t) => getTask(t.taskId)!.occupations.filter((s) => template.occupations.includes(s))),
    );
    expect(drawnFrom.size).toBeGreaterThanOrEqual(3);
    for (const t of template.tasks) {
      expect({ task: t.taskId, shares: getTask(t.taskId)!.occupations.some((s) => template.occupations.includes(s)) }).toEqual({
        task: t.taskId,
        shares: true,
      });
    }
  });

  it.each(templates.map((t) => [t.key, t]))('%s has at least one must-have', (_key, template) => {
    expect(template.tasks.some((t) => t.weight === 'must-have')).toBe(true);
  });

  it('makes the serviceassistent serve lunch and restore classrooms', () => {
    const must = SKOVDE_ROLE_TEMPLATES.serviceassistent.tasks.filter((t) => t.weight === 'must-have').map((t) => t.taskId);
    expect(must).toEqual(expect.arrayContaining(['kitchen.serve-school-lunch', 'cleaning.classroom-clean']));
  });

  it('makes the enhetsassistent order supplies and handle meals in elder care', () => {
    const must = SKOVDE_ROLE_TEMPLATES.enhetsassistent.tasks.filter((t) => t.weight === 'must-have').map((t) => t.taskId);
    expect(must).toEqual(expect.arrayContaining(['admin.order-supplies', 'kitchen.reheat-and-plate-meals']));
  });
});
