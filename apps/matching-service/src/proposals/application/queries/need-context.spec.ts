import { EMPLOYER, fakeWorld, knownNeed, NEED, PROPOSAL, proposalProps } from '../../../../test/fakes';
import { ReadModelReader } from '../../../read-models/application/read-model.reader';
import { Proposal } from '../../domain/proposal';
import { EmployerSide } from '../employer-side';
import { ListProposalsHandler } from './list-proposals/list-proposals.handler';
import { ListProposalsQuery } from './list-proposals/list-proposals.query';
import { needContext, needContexts } from './need-context';

const OTHER_NEED = '6f1c1f8e-0000-4000-8000-0000000000a2';

function world() {
  const w = fakeWorld();
  w.readModels.needs.set(NEED, knownNeed({ positionsLeft: 3, terms: { ...knownNeed().terms, roleVersion: 4 } }));
  w.readModels.employerRows.set(EMPLOYER, {
    employerId: EMPLOYER,
    organisationNumber: '556677-8899',
    name: 'Restaurang Sundet AB',
    municipalityCode: '0380',
    isMunicipality: false,
  });
  return w;
}

describe('the need context of a proposal', () => {
  it("carries the role's name and version, the employer's name, where, when, positions left and the support offered", async () => {
    const w = world();
    const proposal = Proposal.restore(proposalProps({ tenant: 'se-03' }));

    const contexts = await needContexts(w.dataSource.asDataSource().manager, new ReadModelReader(w.readModels), [proposal]);

    expect(contexts.get(NEED)).toEqual({
      roleName: 'Kockbiträde',
      roleVersion: 4,
      employerId: EMPLOYER,
      employerName: 'Restaurang Sundet AB',
      workplaceMunicipality: '0380',
      countyCode: '03',
      placementType: 'internship',
      startDate: '2026-02-01',
      status: 'open',
      positionsLeft: 3,
      supportOffered: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
    });
  });

  it('says null for what matching does not know yet, and keeps what the proposal itself knows', () => {
    const proposal = Proposal.restore(proposalProps({ tenant: 'se-03', municipality: '0381' }));

    expect(needContext(proposal)).toEqual({
      roleName: null,
      roleVersion: null,
      employerId: null,
      employerName: null,
      workplaceMunicipality: '0381',
      countyCode: '03',
      placementType: null,
      startDate: null,
      status: null,
      positionsLeft: null,
      supportOffered: { supervisorCapacity: null, pairInternshipAllowed: null, languageSupport: null },
    });
    // A need projected before matching kept the role version: its version is unknown, its name is not.
    const old = knownNeed();
    expect(needContext(proposal, old)).toMatchObject({ roleName: 'Kockbiträde', roleVersion: null, employerName: null });
  });

  it("puts each proposal's own need beside it in the review queue, and filters the queue by county", async () => {
    const w = world();
    w.proposals.seed(proposalProps({ tenant: 'se-03' }));
    w.proposals.seed(proposalProps({ proposalId: '6f1c1f8e-0000-4000-8000-000000000002', needId: OTHER_NEED, tenant: 'se-14', score: 90 }));
    const reader = new ReadModelReader(w.readModels);
    const handler = new ListProposalsHandler(w.dataSource.asDataSource(), w.proposals, new EmployerSide(w.proposals, reader));

    const all = await handler.execute(new ListProposalsQuery({ status: 'proposed', limit: 10, offset: 0 }));
    expect(all.items.map((p) => [p.needId, p.need.employerName, p.need.countyCode])).toEqual([
      [OTHER_NEED, null, '14'],
      [NEED, 'Restaurang Sundet AB', '03'],
    ]);
    const uppsala = await handler.execute(new ListProposalsQuery({ status: 'proposed', tenant: 'se-03', limit: 10, offset: 0 }));
    expect(uppsala.items.map((p) => p.proposalId)).toEqual([PROPOSAL]);
  });
});
