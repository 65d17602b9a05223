import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { coversHome, speaksFor, type Viewer } from '../../common/viewer';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import type { Placement } from '../domain/placement';
import { PlacementNotFound } from '../domain/placement.errors';
import type { PlacementScope } from '../domain/placement.repository';

type Executor = Pick<EntityManager, 'query'>;

/**
 * Whose placements a caller sees: an employer's staff (or the HR of a municipality as employer) those of the
 * employer, a coordinator those of her area's residents. Another's answers PLACEMENT_NOT_FOUND, as if it did not
 * exist.
 */
@Injectable()
export class PlacementAccess {
  constructor(private readonly readModels: ReadModelReader) {}

  async assertVisible(em: Executor, placement: Placement, viewer: Viewer): Promise<void> {
    if (viewer.unrestricted) return;
    if (speaksFor(viewer, await this.readModels.employer(em, placement.employerId))) return;
    if (viewer.coordinatorArea !== null) {
      const [candidate] = await this.readModels.candidates(em, [placement.candidateId]);
      if (coversHome(viewer, candidate?.profile.homeMunicipality)) return;
    }
    throw new PlacementNotFound(placement.id);
  }

  /** The caller's scope for lists; undefined: every placement. */
  async scope(em: Executor, viewer: Viewer): Promise<PlacementScope | undefined> {
    if (viewer.unrestricted) return undefined;
    const speaks = viewer.employerOrganisation !== null || viewer.hrMunicipalities.length > 0;
    const employerIds = speaks
      ? await this.readModels.employerIdsOf(em, {
          organisationNumber: viewer.employerOrganisation,
          municipalities: viewer.hrMunicipalities,
        })
      : [];
    return { employerIds, homeMunicipalities: viewer.coordinatorArea ?? [] };
  }
}
