import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '@jobbspar/platform';
import { getCounty, listMunicipalities, type Municipality } from '@jobbspar/taxonomy';
import { FollowUpError } from '../follow-up.errors';

/**
 * The region an analyst reads: a tenant `se-<county code>`, the same key every event carries. This is the one
 * place the region of a request is decided: the `region` path parameter, checked for shape and against the
 * taxonomy, and against the analyst's own region, the tenant of her verified token (`analystRegion`); a request for
 * any other region is refused here (403), before any report is computed.
 */
export interface Region {
  readonly tenant: string;
  readonly countyCode: string;
  readonly name: string;
  readonly municipalities: readonly Municipality[];
}

export class MalformedRegionError extends FollowUpError<'MALFORMED_REGION'> {
  readonly code = 'MALFORMED_REGION';
  constructor(tenant: string) {
    super(`region: ${JSON.stringify(tenant)} must be se-<two-digit county code>, e.g. se-12`, { field: 'region' });
  }
}

export class UnknownRegionError extends FollowUpError<'UNKNOWN_REGION'> {
  readonly code = 'UNKNOWN_REGION';
  constructor(tenant: string) {
    super(`region: no region ${JSON.stringify(tenant)} (expected se-<county code>, e.g. se-12)`, { field: 'region' });
  }
}

export class RegionForbiddenError extends FollowUpError<'REGION_FORBIDDEN'> {
  readonly code = 'REGION_FORBIDDEN';
  constructor(own: string, asked: string) {
    super(`region: an analyst of ${own} cannot read ${asked}`, { field: 'region' });
  }
}

export function regionOf(tenant: string): Region | undefined {
  const m = /^se-(\d{2})$/.exec(tenant);
  const county = m ? getCounty(m[1]) : undefined;
  if (!county) return undefined;
  return { tenant, countyCode: county.code, name: county.name, municipalities: listMunicipalities(county.code) };
}

export function resolveRegion(request: { params?: Record<string, string>; analystRegion?: string }): Region {
  const tenant = request.params?.region ?? '';
  if (!/^se-\d{2}$/.test(tenant)) throw new MalformedRegionError(tenant);
  const region = regionOf(tenant);
  if (!region) throw new UnknownRegionError(tenant);
  if (request.analystRegion !== undefined && request.analystRegion !== region.tenant) {
    throw new RegionForbiddenError(request.analystRegion, region.tenant);
  }
  return region;
}

/** `@AnalystRegion() region: Region` in a controller under `/follow-up/regions/:region`. */
export const AnalystRegion = createParamDecorator((_: unknown, context: ExecutionContext): Region => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return resolveRegion({ params: request.params as Record<string, string>, analystRegion: request.principal?.tenant });
});
