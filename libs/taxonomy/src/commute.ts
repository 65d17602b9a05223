import { getMunicipality, listMunicipalities, UnknownTaxonomyCodeError } from './taxonomy';
import type { Commute, Municipality } from './types';

/*
 * A deliberately simple commute model between municipalities, good enough for "is this within her maximum
 * commute?" and documented so that anyone can recompute a figure by hand:
 *
 *   distanceKm = great-circle (haversine) distance between the two municipal seats, Earth radius 6371 km
 *   minutes    = 10 + (distanceKm × 1.3) / 70 km/h × 60
 *
 * 1.3 turns a straight line into a road distance, 70 km/h is an average over mixed roads and public transport,
 * and the fixed 10 minutes covers getting to and from the seat. Within one municipality the model knows nothing
 * about where people live, so it counts 0 km and 0 minutes: a candidate's own municipality is always reachable.
 * It knows no ferries or mountains: Gotland and the fjäll municipalities come out shorter than reality, and long
 * trips on motorways longer; both are far beyond any commute, so they do not change a match.
 */

export const COMMUTE_MODEL = Object.freeze({
  earthRadiusKm: 6371,
  roadFactor: 1.3,
  averageSpeedKmh: 70,
  fixedMinutes: 10,
});

const RAD = Math.PI / 180;

function greatCircleKm(a: Municipality, b: Municipality): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * COMMUTE_MODEL.earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

function between(a: Municipality, b: Municipality): Commute {
  if (a.code === b.code) return { distanceKm: 0, minutes: 0 };
  const km = greatCircleKm(a, b);
  const minutes = COMMUTE_MODEL.fixedMinutes + ((km * COMMUTE_MODEL.roadFactor) / COMMUTE_MODEL.averageSpeedKmh) * 60;
  // Rounded once, here, so that commute() and municipalitiesWithin() can never disagree about a border case.
  return { distanceKm: Math.round(km * 10) / 10, minutes: Math.round(minutes) };
}

function municipality(code: string): Municipality {
  const m = getMunicipality(code);
  if (!m) throw new UnknownTaxonomyCodeError('municipality', code);
  return m;
}

/** Distance and estimated travel time between two municipalities' seats; throws for an unknown code. */
export function commute(fromCode: string, toCode: string): Commute {
  return between(municipality(fromCode), municipality(toCode));
}

interface Reach {
  /** Every municipality's code, nearest first (the origin itself first, at 0 minutes). */
  readonly codes: readonly string[];
  /** minutes[i] is the travel time to codes[i]; ascending. */
  readonly minutes: Float64Array;
}

// The matching service asks "which municipalities are within N minutes of X?" for every candidate and need, so
// each origin's whole ordering is computed once (290 distances) and every later question is a binary search.
const reachByOrigin = new Map<string, Reach>();

function reachFrom(origin: Municipality): Reach {
  let reach = reachByOrigin.get(origin.code);
  if (!reach) {
    const sorted = listMunicipalities()
      .map((m) => ({ code: m.code, minutes: between(origin, m).minutes }))
      .sort((x, y) => x.minutes - y.minutes || x.code.localeCompare(y.code));
    reach = { codes: Object.freeze(sorted.map((s) => s.code)), minutes: Float64Array.from(sorted, (s) => s.minutes) };
    reachByOrigin.set(origin.code, reach);
  }
  return reach;
}

/** How many of the sorted travel times are ≤ maxMinutes. */
function countWithin(minutes: Float64Array, maxMinutes: number): number {
  let lo = 0;
  let hi = minutes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (minutes[mid] <= maxMinutes) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Codes of the municipalities whose estimated travel time from `fromCode` is at most `maxMinutes`, nearest first,
 * always including the origin itself when maxMinutes ≥ 0. Throws for an unknown code. The array is the caller's own.
 */
export function municipalitiesWithin(fromCode: string, maxMinutes: number): string[] {
  const reach = reachFrom(municipality(fromCode));
  return reach.codes.slice(0, countWithin(reach.minutes, maxMinutes));
}
