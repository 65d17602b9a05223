import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { countyOfTenant, type Principal } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../config/env';
import { requireCounty, requireMunicipality } from '../taxonomy/domain/taxonomy-lookups';
import { EmployerNotFoundError } from '../employers/domain/employer.errors';
import { NeedNotFoundError } from '../needs/domain/need.errors';
import { employerScope, needScope } from './employer-policy';

/**
 * The object-level half of employer-service's policy (employer-policy.ts): a need or employer outside the caller's
 * scope answers exactly as one that does not exist.
 */
@Injectable()
export class EmployerAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertNeedVisible(principal: Principal | undefined, needId: string): Promise<void> {
    if (!principal) return;
    const params: unknown[] = [needId];
    const scope = needScope(principal, SCHEMA, params);
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM "${SCHEMA}".needs n WHERE n.id = $1 AND ${scope}`, params);
    if (rows.length === 0) throw new NeedNotFoundError(needId);
  }

  async assertEmployerVisible(principal: Principal | undefined, employerId: string, field = 'id'): Promise<void> {
    if (!principal) return;
    const params: unknown[] = [employerId];
    const scope = employerScope(principal, params);
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM "${SCHEMA}".employers e WHERE e.id = $1 AND ${scope}`, params);
    if (rows.length === 0) throw new EmployerNotFoundError(field, employerId);
  }

  /** An admin registers employers of her own region only (403: the municipality is public, the region is not hers). */
  assertRegistersInOwnRegion(principal: Principal | undefined, municipalityCode: string): void {
    if (!principal) return;
    const county = requireMunicipality(municipalityCode, 'municipalityCode').countyCode;
    if (county !== countyOfTenant(principal.tenant)) {
      throw new ForbiddenException(
        `municipalityCode: ${municipalityCode} is not in the region of ${principal.organisation.id} (${principal.tenant})`,
      );
    }
  }

  /** Shortage overrides are a region's own: its admin sets them for her county only. */
  assertOwnCounty(principal: Principal | undefined, countyCode: string): void {
    if (!principal) return;
    const county = requireCounty(countyCode, 'countyCode').code;
    if (county !== countyOfTenant(principal.tenant)) {
      throw new ForbiddenException(`countyCode: ${countyCode} is not the county of ${principal.organisation.id} (${principal.tenant})`);
    }
  }
}
