import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { speaksFor, type Viewer } from '../../common/viewer';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import type { KnownNeed } from '../../read-models/domain/read-models';
import type { Proposal } from '../domain/proposal';
import { ProposalNotFound } from '../domain/proposal.errors';
import { ProposalRepository } from '../domain/proposal.repository';

type Executor = Pick<EntityManager, 'query'>;

/**
 * What the employer side sees of a proposal: once a coordinator accepted it (accepted, then placed or declined, or
 * withdrawn after the acceptance). Before that it is the coordinators' business, and to the employer it does not
 * exist.
 */
export function employerSees(proposal: Proposal): boolean {
  const { status, acceptedScore } = proposal.toProps();
  return status === 'accepted' || status === 'placed' || status === 'declined' || (status === 'withdrawn' && acceptedScore !== null);
}

/**
 * The employer's side of proposals: a proposal for a need of an employer the caller speaks for (its staff, or the
 * HR of the municipality that is the employer). Anything else answers PROPOSAL_NOT_FOUND, as if it did not exist.
 */
@Injectable()
export class EmployerSide {
  constructor(
    private readonly proposals: ProposalRepository,
    private readonly readModels: ReadModelReader,
  ) {}

  /** With `lock`, the proposal's row is held until the transaction ends (for the employer's answer). */
  async proposal(
    em: Executor,
    proposalId: string,
    viewer: Viewer,
    options: { lock?: boolean } = {},
  ): Promise<{ proposal: Proposal; need?: KnownNeed }> {
    const proposal = await this.proposals.findById(em, proposalId, options);
    if (!proposal || !employerSees(proposal)) throw new ProposalNotFound(proposalId);
    const need = await this.readModels.need(em, proposal.needId);
    const employer = need && (await this.readModels.employer(em, need.terms.employerId));
    if (!speaksFor(viewer, employer)) throw new ProposalNotFound(proposalId);
    return { proposal, need };
  }

  /** Whether the caller speaks for the employer of this need. */
  async owns(em: Executor, needId: string, viewer: Viewer): Promise<boolean> {
    const need = await this.readModels.need(em, needId);
    return speaksFor(viewer, need && (await this.readModels.employer(em, need.terms.employerId)));
  }

  /** The needs whose proposals the caller sees; undefined: every need (a call from inside). */
  async needIds(em: Executor, viewer: Viewer): Promise<string[] | undefined> {
    if (viewer.unrestricted) return undefined;
    const employerIds = await this.readModels.employerIdsOf(em, {
      organisationNumber: viewer.employerOrganisation,
      municipalities: viewer.hrMunicipalities,
    });
    return this.readModels.needIdsOfEmployers(em, employerIds);
  }
}
