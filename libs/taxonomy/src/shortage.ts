import { SHORTAGE_DATASET } from './data/shortage.data';
import { listCounties } from './taxonomy';
import type { ShortageFlags, ShortageOverride } from './types';

function buildDefaultFlags(): ShortageFlags {
  const byCounty = new Map<string, ReadonlySet<string>>();
  for (const { code } of listCounties()) {
    const adjustment = SHORTAGE_DATASET.byCounty[code];
    const inShortage = new Set<string>(SHORTAGE_DATASET.national);
    for (const ssyk of adjustment?.add ?? []) inShortage.add(ssyk);
    for (const ssyk of adjustment?.remove ?? []) inShortage.delete(ssyk);
    byCounty.set(code, inShortage);
  }
  return { version: SHORTAGE_DATASET.version, byCounty };
}

/** The taxonomy's default shortage flags for every county, before any administrator's overrides. */
export const DEFAULT_SHORTAGE_FLAGS: ShortageFlags = buildDefaultFlags();

/**
 * The effective flags after applying overrides to `base`, without changing `base`. Overrides apply in order, so a
 * later override for the same county and occupation wins. Codes are not checked here: the service that stores
 * overrides validates them on input (isKnownMunicipality/getCounty, getOccupation), and an override for an
 * occupation this taxonomy version lacks is kept rather than dropped, so that no stored decision is silently lost.
 */
export function withShortageOverrides(base: ShortageFlags, overrides: readonly ShortageOverride[]): ShortageFlags {
  const byCounty = new Map(base.byCounty);
  const copied = new Map<string, Set<string>>();
  for (const { countyCode, ssyk, shortage } of overrides) {
    let inShortage = copied.get(countyCode);
    if (!inShortage) {
      inShortage = new Set(base.byCounty.get(countyCode));
      copied.set(countyCode, inShortage);
      byCounty.set(countyCode, inShortage);
    }
    if (shortage) inShortage.add(ssyk);
    else inShortage.delete(ssyk);
  }
  return { version: base.version, byCounty };
}

/** Whether `ssyk` is in shortage in the county according to already computed flags (an O(1) read). */
export function isShortageIn(flags: ShortageFlags, countyCode: string, ssyk: string): boolean {
  return flags.byCounty.get(countyCode)?.has(ssyk) ?? false;
}

/**
 * Whether `ssyk` is in shortage in the county: the last matching override if there is one, else the default.
 * For many look-ups with the same overrides, compute the flags once with withShortageOverrides and use isShortageIn.
 */
export function isShortage(countyCode: string, ssyk: string, overrides?: readonly ShortageOverride[]): boolean {
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const o = overrides[i];
      if (o.countyCode === countyCode && o.ssyk === ssyk) return o.shortage;
    }
  }
  return isShortageIn(DEFAULT_SHORTAGE_FLAGS, countyCode, ssyk);
}

/** SSYK codes in shortage in the county, in code order (none for an unknown county without overrides). */
export function shortageOccupations(countyCode: string, overrides?: readonly ShortageOverride[]): string[] {
  const flags = overrides?.length ? withShortageOverrides(DEFAULT_SHORTAGE_FLAGS, overrides) : DEFAULT_SHORTAGE_FLAGS;
  return [...(flags.byCounty.get(countyCode) ?? [])].sort();
}
