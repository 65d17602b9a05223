import type { NeedStatus, PlacementType } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import type { ReadModelReader } from '../../../read-models/application/read-model.reader';
import type { EmployerReadModel, KnownNeed } from '../../../read-models/domain/read-models';
import type { Proposal } from '../../domain/proposal';

type Executor = Pick<EntityManager, 'query'>;

/**
 * What the people who decide on a proposal need to know of its need, in the same answer: the role (name and
 * version), the employer's name, where and when, what kind of placement, how many positions are left and what
 * support the workplace offers. From matching's own read models (built from employer-service's events), never
 * from a call to another service. A field is null while matching does not know it.
 */
export interface NeedContextView {
  roleName: string | null;
  roleVersion: number | null;
  employerId: string | null;
  employerName: string | null;
  workplaceMunicipality: string;
  countyCode: string;
  placementType: PlacementType | null;
  /** YYYY-MM-DD */
  startDate: string | null;
  status: NeedStatus | null;
  positionsLeft: number | null;
  supportOffered: { supervisorCapacity: number | null; pairInternshipAllowed: boolean | null; languageSupport: boolean | null };
}

export function needContext(
  proposal: Proposal,
  need?: Pick<KnownNeed, 'terms' | 'status' | 'positionsLeft' | 'workplaceMunicipality'>,
  employer?: Pick<EmployerReadModel, 'name'>,
): NeedContextView {
  const p = proposal.toProps();
  const terms = need?.terms;
  return {
    roleName: terms?.roleName ?? null,
    roleVersion: terms?.roleVersion ?? null,
    employerId: terms?.employerId ?? null,
    employerName: employer?.name ?? null,
    workplaceMunicipality: need?.workplaceMunicipality ?? p.municipality,
    // The proposal's tenant is its need's region, se-<county>.
    countyCode: p.tenant.slice(3),
    placementType: terms?.placementType ?? null,
    startDate: terms?.startDate ?? null,
    status: need?.status ?? null,
    positionsLeft: need?.positionsLeft ?? null,
    supportOffered: {
      supervisorCapacity: terms?.support.supervisorCapacity ?? null,
      pairInternshipAllowed: terms?.support.pairInternshipAllowed ?? null,
      languageSupport: terms?.support.languageSupport ?? null,
    },
  };
}

/** The need context of each proposal's need, in two reads for a whole page. */
export async function needContexts(
  em: Executor,
  readModels: ReadModelReader,
  proposals: readonly Proposal[],
): Promise<Map<string, NeedContextView>> {
  const needs = new Map((await readModels.needs(em, [...new Set(proposals.map((p) => p.needId))])).map((n) => [n.needId, n]));
  const employerIds = [...new Set([...needs.values()].map((n) => n.terms.employerId))];
  const employers = new Map((await readModels.employers(em, employerIds)).map((e) => [e.employerId, e]));
  return new Map(
    proposals.map((p) => {
      const need = needs.get(p.needId);
      return [p.needId, needContext(p, need, need && employers.get(need.terms.employerId))];
    }),
  );
}
