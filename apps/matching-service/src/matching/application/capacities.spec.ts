import { CANDIDATE, fakeWorld, knownNeed, NEED, proposalProps } from '../../../test/fakes';
import { placementProps } from '../../../test/placement-fixtures';
import { PlacementLedger } from '../../placements/application/placement-ledger';
import { ProposalLedger } from '../../proposals/application/proposal-ledger';
import { ReadModelReader } from '../../read-models/application/read-model.reader';
import { AssignmentModel } from './assignment-model';
import { Capacities } from './capacities';

const settings = { proposalsPerPosition: 3, maxOpenProposalsPerCandidate: 3 };

function setup() {
  const world = fakeWorld();
  const reader = new ReadModelReader(world.readModels);
  const capacities = new Capacities(reader, new ProposalLedger(world.proposals), new PlacementLedger(world.placements), settings);
  const model = new AssignmentModel();
  const set: Record<string, number> = {};
  const supervised: Record<string, number | boolean | undefined> = {};
  model.setNeed = (id, capacity, bound) => void ((set[`need:${id}`] = capacity), (supervised[`need:${id}`] = bound));
  model.setCandidate = (id, capacity, close) => void ((set[`candidate:${id}`] = capacity), (supervised[`candidate:${id}`] = close));
  world.readModels.needs.set(NEED, knownNeed({ positionsLeft: 2 }));
  world.readModels.candidates.set(CANDIDATE, {
    candidateId: CANDIDATE,
    revision: 1,
    profileRevision: 1,
    consentRevision: 1,
    matchingConsent: true,
    profile: {
      homeMunicipality: '0380',
      availableFrom: '2026-01-01',
      maxCommuteMinutes: 30,
      interests: [],
      supportNeeds: { closeSupervision: false, languageSupport: false },
      waitingSince: '2025-01-01',
    },
  });
  return { ...world, capacities, model, set, supervised, em: world.dataSource.manager };
}

describe(Capacities.name, () => {
  it('gives a need positions left × M minus its accepted proposals, and her K minus what she holds: accepted and placements under way', async () => {
    const { capacities, model, set, em, proposals, placements } = setup();
    proposals.seed(proposalProps({ proposalId: 'a-1', status: 'accepted' }));
    proposals.seed(proposalProps({ proposalId: 'p-1', status: 'proposed', candidateId: 'someone-else' }));
    placements.seed(placementProps({ placementId: 'pl-1' }));
    placements.seed(placementProps({ placementId: 'pl-2', proposalId: 'x', status: 'ended' }));

    await capacities.refresh(em, model, [NEED, 'unknown-need'], [CANDIDATE, 'unknown-candidate']);

    expect(set).toEqual({ [`need:${NEED}`]: 5, 'need:unknown-need': 0, [`candidate:${CANDIDATE}`]: 1, 'candidate:unknown-candidate': 0 });
  });

  it('does not read again what the caller has just read, and uses it as given', async () => {
    const { capacities, model, set, em, readModels } = setup();
    const spy = jest.spyOn(readModels, 'knownNeeds');
    const candidates = jest.spyOn(readModels, 'knownCandidates');

    await capacities.refresh(em, model, [NEED], [CANDIDATE], {
      needs: [knownNeed({ positionsLeft: 1 })],
      candidates: [{ candidateId: CANDIDATE, matchingConsent: false, profile: readModels.candidates.get(CANDIDATE)!.profile!, levels: {} }],
    });

    expect(spy).not.toHaveBeenCalled();
    expect(candidates).not.toHaveBeenCalled();
    expect(set).toEqual({ [`need:${NEED}`]: 3, [`candidate:${CANDIDATE}`]: 0 });
  });

  it('reads no held slots of a need the caller has just seen hold none, and gives it the same capacities as reading them', async () => {
    const { capacities, model, set, supervised, em, proposals, placements } = setup();
    const accepted = jest.spyOn(proposals, 'acceptedPerNeed');
    const acceptedCandidates = jest.spyOn(proposals, 'acceptedCandidatesPerNeed');
    const underWay = jest.spyOn(placements, 'underWayCandidatesPerNeed');

    await capacities.refresh(em, model, [NEED], [], { freeNeeds: new Set([NEED]) });
    const free = { capacity: set[`need:${NEED}`], supervised: supervised[`need:${NEED}`] };
    expect([accepted, acceptedCandidates, underWay].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0]);

    await capacities.refresh(em, model, [NEED], []);
    expect({ capacity: set[`need:${NEED}`], supervised: supervised[`need:${NEED}`] }).toEqual(free);
    expect(free).toEqual({ capacity: 6, supervised: 2 });
    expect(accepted).toHaveBeenCalledTimes(1);
  });

  it("bounds a need's supervised room by its supervisor capacity minus accepted candidates who need close supervision, and flags hers", async () => {
    const { capacities, model, supervised, em, proposals, readModels } = setup();
    const close = (candidateId: string) => ({
      candidateId,
      revision: 1,
      profileRevision: 1,
      consentRevision: 1,
      matchingConsent: true,
      profile: { ...readModels.candidates.get(CANDIDATE)!.profile!, supportNeeds: { closeSupervision: true, languageSupport: false } },
    });
    readModels.candidates.set('close-1', close('close-1'));
    readModels.candidates.set('close-2', close('close-2'));
    proposals.seed(proposalProps({ proposalId: 'a-1', status: 'accepted', candidateId: 'close-1' }));
    proposals.seed(proposalProps({ proposalId: 'a-2', status: 'accepted', candidateId: CANDIDATE }));
    proposals.seed(proposalProps({ proposalId: 'p-2', status: 'proposed', candidateId: 'close-2' }));

    await capacities.refresh(em, model, [NEED, 'unknown-need'], [CANDIDATE, 'close-2']);

    // supervisorCapacity 2, one accepted who needs close supervision (the accepted one who does not, and the proposed one, hold none).
    expect(supervised).toEqual({
      [`need:${NEED}`]: 1,
      'need:unknown-need': undefined,
      [`candidate:${CANDIDATE}`]: false,
      'candidate:close-2': true,
    });
  });

  it('counts a placement under way of a candidate who needs close supervision against its need’s supervisors, until it ends', async () => {
    const { capacities, model, supervised, em, placements, readModels } = setup();
    const profile = readModels.candidates.get(CANDIDATE)!.profile!;
    const candidate = (candidateId: string, closeSupervision: boolean) => ({
      candidateId,
      revision: 1,
      profileRevision: 1,
      consentRevision: 1,
      matchingConsent: true,
      profile: { ...profile, supportNeeds: { closeSupervision, languageSupport: false } },
    });
    readModels.candidates.set('close-1', candidate('close-1', true));
    readModels.candidates.set('free-1', candidate('free-1', false));
    placements.seed(placementProps({ placementId: 'pl-1', proposalId: 'x-1', candidateId: 'close-1' }));
    placements.seed(placementProps({ placementId: 'pl-2', proposalId: 'x-2', candidateId: 'free-1' }));

    await capacities.refresh(em, model, [NEED], []);
    // supervisorCapacity 2: the placed one who needs close supervision keeps a supervisor busy, the other does not.
    expect(supervised[`need:${NEED}`]).toBe(1);

    placements.seed(
      placementProps({ placementId: 'pl-1', proposalId: 'x-1', candidateId: 'close-1', status: 'ended', endDate: '2026-05-01' }),
    );
    await capacities.refresh(em, model, [NEED], []);
    expect(supervised[`need:${NEED}`]).toBe(2);
  });
});
