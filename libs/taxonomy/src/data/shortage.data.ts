import { TAXONOMY_VERSION } from './version';
/*
 * Default shortage flags ("bristyrken") per county and occupation.
 *
 * These are illustrative defaults shaped after the general picture in Arbetsförmedlingen's occupational
 * forecasts (shortage of assistant nurses in elder care, preschool and school teachers, nurses, cooks, drivers
 * and several construction trades almost everywhere; more occupations in shortage in sparsely populated and
 * northern counties; surplus of entry-level retail, cleaning and warehouse staff in most places). They are not an
 * official list: a region's administrator corrects them with overrides (see `withShortageOverrides`), which a
 * service stores in its own database.
 *
 * Shape: one national list, adjusted per county by additions and removals, so that a county's difference from
 * the national picture is visible at a glance.
 */

export interface CountyShortageAdjustment {
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

const NATIONAL: readonly string[] = [
  '5321', // undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering
  '2221', // grundutbildade sjuksköterskor
  '2343', // förskollärare
  '2341', // grundskollärare
  '2342', // fritidspedagoger
  '5120', // kockar och kallskänkor
  '7411', // installations- och serviceelektriker
  '7125', // VVS-montörer
  '7111', // träarbetare, snickare
  '8332', // lastbilsförare
  '8331', // buss- och spårvagnsförare
];

const BY_COUNTY: Readonly<Record<string, CountyShortageAdjustment>> = {
  '01': { add: ['5342', '7112'] },
  '03': { add: ['5322'] },
  '04': { add: ['5322', '7131'] },
  '05': { add: ['7112'] },
  '06': { add: ['7112', '8344'] },
  '07': { add: ['5322', '7131'] },
  '08': { add: ['5322', '5311'] },
  '09': { add: ['5322', '5311', '5330'], remove: ['8332'] },
  '10': { add: ['5322'], remove: ['8331'] },
  '12': { add: ['5342'], remove: ['7111'] },
  '13': { add: ['7112', '7131'] },
  '14': { add: ['5342', '7131', '7112'] },
  '17': { add: ['5322', '5311'] },
  '18': { add: ['5322', '7112'] },
  '19': { add: ['7112'] },
  '20': { add: ['5322', '5311', '5330'] },
  '21': { add: ['5322', '5311'] },
  '22': { add: ['5322', '5311', '5330'] },
  '23': { add: ['5322', '5311', '5330', '5152'] },
  '24': { add: ['5322', '5311', '5330', '7112', '7131'] },
  '25': { add: ['5322', '5311', '5330', '7112', '7131', '9310', '8344', '4322'] },
};

export const SHORTAGE_DATASET = {
  version: TAXONOMY_VERSION,
  national: NATIONAL,
  byCounty: BY_COUNTY,
} as const;
