/**
 * The benchmark's data generator: a deterministic world (seeded) of candidates and competence needs in Skåne,
 * Halland and Västra Götaland, with occupations from the taxonomy's standard roles, and the fresh events measured
 * against it (a validation that changes a level, a new need).
 */
import { CandidateProfileV1Payload, NeedSnapshotV1Payload, PLACEMENT_TYPES, TaskValidatedV1Payload } from '@jobbspar/contracts';
import {
  getMunicipality,
  isShortage,
  listMunicipalities,
  listOccupations,
  standardRoleTasks,
  tasksOfOccupation,
  type Occupation,
} from '@jobbspar/taxonomy';
import { seededRandom } from '../random-instance';

export type Level = 1 | 2 | 3;

const COUNTIES = ['12', '13', '14'];
/** Where most people live and most workplaces are: weighted up against the small municipalities. */
const TOWNS: Record<string, number> = {
  '1280': 8,
  '1480': 10,
  '1283': 5,
  '1281': 4,
  '1490': 4,
  '1380': 3,
  '1290': 3,
  '1488': 2,
  '1496': 2,
};
/** Entry-level work is mostly in care, food, cleaning, logistics and retail. */
const AREA_WEIGHT: Record<string, number> = {
  care: 3,
  food: 2,
  'cleaning-facilities': 2,
  'logistics-transport': 2,
  retail: 2,
  education: 1.5,
  administration: 1,
  construction: 1,
  health: 1,
};

export interface SeedCandidate {
  id: string;
  tenant: string;
  occupation: Occupation;
  consent: boolean;
  levels: Map<string, Level>;
}

export class World {
  readonly rnd: () => number;
  readonly today = new Date().toISOString().slice(0, 10);
  private readonly municipalities: { code: string; countyCode: string; weight: number }[];
  private readonly occupations: { occupation: Occupation; weight: number }[];
  readonly candidates: SeedCandidate[] = [];

  constructor(seed: number) {
    this.rnd = seededRandom(seed);
    this.municipalities = COUNTIES.flatMap((county) =>
      listMunicipalities(county).map((m) => ({ code: m.code, countyCode: m.countyCode, weight: TOWNS[m.code] ?? 1 })),
    );
    for (const code of Object.keys(TOWNS)) if (!getMunicipality(code)) throw new Error(`taxonomy has no municipality ${code}`);
    this.occupations = listOccupations().map((o) => ({ occupation: o, weight: AREA_WEIGHT[o.area] ?? 1 }));
  }

  uuid(): string {
    const b: number[] = [];
    for (let i = 0; i < 16; i++) b.push(Math.floor(this.rnd() * 256));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)];
  }

  weighted<T extends { weight: number }>(items: readonly T[]): T {
    let total = 0;
    for (const i of items) total += i.weight;
    let r = this.rnd() * total;
    for (const i of items) if ((r -= i.weight) < 0) return i;
    return items[items.length - 1];
  }

  day(offset: number): string {
    const d = new Date(`${this.today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  }

  level(): Level {
    const r = this.rnd();
    return r < 0.2 ? 1 : r < 0.75 ? 2 : 3;
  }

  /** A registration and 2–8 validations, mostly of her occupation's tasks, core tasks first. */
  candidate(): { profile: CandidateProfileV1Payload; validations: TaskValidatedV1Payload[] } {
    const { occupation } = this.weighted(this.occupations);
    const sameArea = this.occupations.filter((o) => o.occupation.area === occupation.area && o.occupation !== occupation);
    const second = sameArea.length > 0 && this.rnd() < 0.3 ? this.pick(sameArea).occupation : undefined;
    const home = this.weighted(this.municipalities);
    const id = this.uuid();
    const consent = this.rnd() < 0.97;
    const profile: CandidateProfileV1Payload = {
      candidateId: id,
      revision: 1,
      homeMunicipality: home.code,
      availableFrom: this.day(this.int(-120, 60)),
      maxCommuteMinutes: this.pick([30, 45, 60, 60, 75, 90]),
      interests: second ? [occupation.ssyk, second.ssyk] : [occupation.ssyk],
      supportNeeds: { closeSupervision: this.rnd() < 0.3, languageSupport: this.rnd() < 0.4 },
      waitingSince: this.day(-this.int(30, 1200)),
      matchingConsent: consent,
    };
    const want = this.int(2, 8);
    const chosen: string[] = [];
    const add = (taskId: string): void => {
      if (chosen.length < want && !chosen.includes(taskId)) chosen.push(taskId);
    };
    for (const t of occupation.coreTaskIds) if (this.rnd() < 0.85) add(t);
    const others = [
      ...tasksOfOccupation(occupation.ssyk).map((t) => t.id),
      ...(second ? tasksOfOccupation(second.ssyk).map((t) => t.id) : []),
    ];
    for (let tries = 0; chosen.length < want && tries < 40; tries++) add(this.pick(others));
    const levels = new Map<string, Level>();
    const validations = chosen.map((taskId) => {
      const level = this.level();
      levels.set(taskId, level);
      return this.validation(id, taskId, level, level);
    });
    this.candidates.push({ id, tenant: `se-${home.countyCode}`, occupation, consent, levels });
    return { profile, validations };
  }

  validation(candidateId: string, taskId: string, level: Level, effectiveLevel: Level): TaskValidatedV1Payload {
    return {
      validationId: this.uuid(),
      candidateId,
      taskId,
      level,
      effectiveLevel,
      assessedOn: this.day(-this.int(1, 400)),
      workplaceId: this.uuid(),
    };
  }

  /** A standard role of a weighted occupation (some nice-to-haves left out), at a weighted workplace. */
  need(): NeedSnapshotV1Payload {
    const { occupation } = this.weighted(this.occupations);
    const place = this.weighted(this.municipalities);
    const role = standardRoleTasks(occupation.ssyk);
    const tasks = role.filter((t) => t.weight === 'must-have' || this.rnd() < 0.7).map((t) => ({ ...t }));
    return {
      needId: this.uuid(),
      revision: 1,
      employerId: this.uuid(),
      roleId: this.uuid(),
      roleVersion: 1,
      roleName: occupation.nameSv.slice(0, 120),
      occupations: [occupation.ssyk],
      tasks: tasks.length > 0 ? tasks : role.slice(0, 1).map((t) => ({ ...t })),
      positions: 1 + Math.floor(this.rnd() * this.rnd() * 3),
      positionsFilled: 0,
      workplaceMunicipality: place.code,
      countyCode: place.countyCode,
      startDate: this.day(this.int(7, 120)),
      placementType: this.pick(PLACEMENT_TYPES),
      support: { supervisorCapacity: this.int(0, 4), pairInternshipAllowed: this.rnd() < 0.2, languageSupport: this.rnd() < 0.5 },
      status: 'open',
      shortage: isShortage(place.countyCode, occupation.ssyk),
    };
  }

  /**
   * A new validation that changes her effective level (an unchanged level makes the service do nothing): mostly a
   * missing or too-low core task of her occupation, which may open needs to her, otherwise another task or a step up.
   * Undefined when she already holds every task of her occupation at level 3: the caller picks someone else.
   */
  nextValidation(c: SeedCandidate): TaskValidatedV1Payload | undefined {
    const held = (t: string): number => c.levels.get(t) ?? 0;
    const coreGaps = c.occupation.coreTaskIds.filter((t) => held(t) < 2);
    const newTasks = tasksOfOccupation(c.occupation.ssyk)
      .map((t) => t.id)
      .filter((t) => held(t) === 0);
    const upgrades = [...c.levels.keys()].filter((t) => held(t) < 3);
    let taskId: string;
    let level: Level;
    if (coreGaps.length > 0 && (this.rnd() < 0.6 || (newTasks.length === 0 && upgrades.length === 0))) {
      taskId = this.pick(coreGaps);
      level = this.rnd() < 0.7 ? 2 : 3;
    } else if (newTasks.length > 0 && (upgrades.length === 0 || this.rnd() < 0.5)) {
      taskId = this.pick(newTasks);
      level = this.level();
    } else if (upgrades.length > 0) {
      taskId = this.pick(upgrades);
      level = (held(taskId) + 1) as Level;
    } else {
      return undefined;
    }
    const effective = Math.max(held(taskId), level) as Level;
    c.levels.set(taskId, effective);
    return this.validation(c.id, taskId, level, effective);
  }
}
