import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@jobbspar/platform';
import { getMunicipality } from '@jobbspar/taxonomy';
import { DataSource } from 'typeorm';
import { CandidateNotFoundError } from '../candidates/domain/candidate.errors';
import { CandidateRepository } from '../candidates/domain/candidate.repository';
import { coversCandidate } from './candidate-policy';

/** The object-level half of candidate-service's policy: a candidate outside the caller's area does not exist for her. */
@Injectable()
export class CandidateAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
  ) {}

  /**
   * `absent: 'handler'` leaves a candidate without a profile to the handler: erasure is idempotent, and an erased
   * candidate has no profile left to say whose she was.
   */
  async assertCandidateVisible(
    principal: Principal | undefined,
    candidateId: string,
    absent: 'not-found' | 'handler' = 'not-found',
  ): Promise<void> {
    if (!principal) return;
    const candidate = await this.candidates.find(this.dataSource.manager, candidateId);
    if (!candidate && absent === 'handler') return;
    if (!candidate || !coversCandidate(principal, candidate.homeMunicipality)) throw new CandidateNotFoundError(candidateId);
  }

  /**
   * A new candidate: only in the caller's area (403: the municipality is no secret). An unknown code is left to
   * the handler's 422. A move out of the area is allowed: she moved, and is then her new area's.
   */
  assertMunicipalityCovered(principal: Principal | undefined, homeMunicipality: string | undefined): void {
    if (!principal || homeMunicipality === undefined || !getMunicipality(homeMunicipality)) return;
    if (!coversCandidate(principal, homeMunicipality)) {
      throw new ForbiddenException(`homeMunicipality: ${homeMunicipality} is outside the area of ${principal.organisation.id}`);
    }
  }
}
