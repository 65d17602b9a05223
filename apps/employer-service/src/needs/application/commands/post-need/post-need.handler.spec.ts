import { NeedPostedV1 } from '@jobbspar/contracts';
import { EmployerNotFoundError } from '../../../../employers/domain/employer.errors';
import { Employer } from '../../../../employers/domain/employer';
import { Role } from '../../../../roles/domain/role';
import { RoleNotFoundError, RoleVersionNotFoundError } from '../../../../roles/domain/role.errors';
import { UnknownMunicipalityError } from '../../../../taxonomy/domain/taxonomy.errors';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { InvalidNeedFieldError, StartDateInPastError } from '../../../domain/need.errors';
import { NeedPolicyFactory } from '../../need-policy';
import { PostNeedCommand, PostNeedInput } from './post-need.command';
import { PostNeedHandler } from './post-need.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const EMPLOYER_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ROLE_ID = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const CTX = { actor: 'employer:hr-1', correlationId: 'corr-post-1' };

const composition = {
  name: 'Serviceassistent',
  tasks: [
    { taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' },
    { taskId: 'cleaning.classroom-clean', requiredLevel: 1, weight: 'nice-to-have' },
  ],
};

const input = (over: Partial<PostNeedInput> = {}): PostNeedInput => ({
  employerId: EMPLOYER_ID,
  roleId: ROLE_ID,
  positions: 2,
  workplaceMunicipality: '1496',
  startDate: '2030-02-01',
  placementType: 'internship',
  support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: false },
  publish: true,
  ...over,
});

function setup(now = NOW) {
  const world = fakeWorld(now);
  const employer = world.employers.seed(
    Employer.register(
      {
        id: EMPLOYER_ID,
        organisationNumber: '212000-1355',
        name: 'Skövde kommun',
        sector: 'public',
        municipalityCode: '1496',
        isMunicipality: true,
      },
      NOW,
    ),
  );
  const { role } = Role.compose(ROLE_ID, employer, composition, NOW);
  // Version 2 raises the lunch task to level 3 and renames the role.
  role.revise({ name: 'Serviceassistent skola', tasks: [{ ...composition.tasks[0], requiredLevel: 3 }] }, NOW);
  world.roles.seed(role);
  const handler = new PostNeedHandler(
    world.dataSource.asDataSource(),
    world.employers,
    world.roles,
    world.needs,
    new NeedPolicyFactory(world.clock, world.overrides),
    world.outbox,
  );
  const post = (over: Partial<PostNeedInput> = {}, ctx: PostNeedCommand['ctx'] = CTX) =>
    handler.execute(new PostNeedCommand(input(over), ctx));
  return { ...world, post };
}

describe(PostNeedHandler.name, () => {
  it('stores an open need with the frozen latest role version and appends NeedPosted at revision 1', async () => {
    const { post, needs, outbox, dataSource } = setup();

    const { needId } = await post();

    expect(needs.stored(needId)).toMatchObject({
      id: needId,
      employerId: EMPLOYER_ID,
      role: {
        roleId: ROLE_ID,
        version: 2,
        name: 'Serviceassistent skola',
        tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 3 }],
      },
      positions: 2,
      positionsFilled: 0,
      workplaceMunicipality: '1496',
      countyCode: '14',
      startDate: '2030-02-01',
      status: 'open',
      revision: 1,
      postedAt: NOW,
      createdAt: NOW,
    });
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(NeedPostedV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toMatchObject({
      needId,
      revision: 1,
      employerId: EMPLOYER_ID,
      roleId: ROLE_ID,
      roleVersion: 2,
      roleName: 'Serviceassistent skola',
      positions: 2,
      positionsFilled: 0,
      countyCode: '14',
      status: 'open',
      tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 3, weight: 'must-have' }],
    });
    expect(event.envelope).toMatchObject({
      type: 'NeedPosted',
      tenant: 'se-14',
      aggregateId: needId,
      aggregateVersion: 1,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it('posts with the role version asked for, not the latest', async () => {
    const { post, needs, outbox } = setup();

    const { needId } = await post({ roleVersion: 1 });

    expect(needs.stored(needId).role).toMatchObject({ version: 1, name: 'Serviceassistent' });
    expect(outbox.appended[0].payload).toMatchObject({ roleVersion: 1, roleName: 'Serviceassistent' });
  });

  it('keeps a draft private: stored as a draft, nothing appended', async () => {
    const { post, needs, outbox } = setup();

    const { needId } = await post({ publish: false });

    expect(needs.stored(needId)).toMatchObject({ status: 'draft', revision: 1, postedAt: null });
    expect(outbox.appended).toEqual([]);
  });

  it("places the need in the workplace's county and tenant, not the employer's", async () => {
    const { post, needs, outbox } = setup();

    const { needId } = await post({ workplaceMunicipality: '1280' });

    expect(needs.stored(needId)).toMatchObject({ workplaceMunicipality: '1280', countyCode: '12' });
    expect(outbox.appended[0].envelope.tenant).toBe('se-12');
  });

  it("judges shortage with the administrator's overrides for the workplace's county only", async () => {
    const { post, needs, overrides } = setup();
    overrides.seed({ countyCode: '12', ssyk: '9412', shortage: true });

    const inSkovde = await post();
    expect(needs.stored(inSkovde.needId).shortage).toBe(false);

    overrides.seed({ countyCode: '14', ssyk: '9412', shortage: true });
    const again = await post();
    expect(needs.stored(again.needId).shortage).toBe(true);
  });

  it('takes today as the day in Sweden: a start date of the Swedish today is accepted while UTC is still on yesterday', async () => {
    const { post, needs } = setup(new Date('2030-01-09T23:30:00Z'));

    const { needId } = await post({ startDate: '2030-01-10' });

    expect(needs.stored(needId).startDate).toBe('2030-01-10');
  });

  it('carries the causation id of the command into the event', async () => {
    const { post, outbox } = setup();

    await post({}, { ...CTX, causationId: 'evt-42' });

    expect(outbox.appended[0].envelope.causationId).toBe('evt-42');
  });

  describe('rejects, storing and appending nothing', () => {
    it.each([
      ['an unknown workplace municipality', { workplaceMunicipality: '1400' }, UnknownMunicipalityError, 'UNKNOWN_MUNICIPALITY'],
      ['an unknown employer', { employerId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' }, EmployerNotFoundError, 'EMPLOYER_NOT_FOUND'],
      ['an unknown role', { roleId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee' }, RoleNotFoundError, 'ROLE_NOT_FOUND'],
      ['a role version that does not exist', { roleVersion: 3 }, RoleVersionNotFoundError, 'ROLE_VERSION_NOT_FOUND'],
      ['a start date before today in Sweden', { startDate: '2030-01-09' }, StartDateInPastError, 'START_DATE_IN_PAST'],
      ['zero positions', { positions: 0 }, InvalidNeedFieldError, 'INVALID_NEED_FIELD'],
      [
        'a supervisor capacity out of range',
        { support: { supervisorCapacity: 101, pairInternshipAllowed: false, languageSupport: false } },
        InvalidNeedFieldError,
        'INVALID_NEED_FIELD',
      ],
    ] as const)('%s', async (_case, over, errorClass, code) => {
      const { post, needs, outbox } = setup();

      const error = await rejectionOf(post(over as Partial<PostNeedInput>));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect(needs.rows.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });

    it('names the field of the unknown reference', async () => {
      const { post } = setup();

      expect((await rejectionOf(post({ employerId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' }))).message).toMatch(/^employerId: /);
      expect((await rejectionOf(post({ roleId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee' }))).message).toMatch(/^roleId: /);
      expect((await rejectionOf(post({ roleVersion: 3 }))).message).toMatch(/^roleVersion: /);
      expect((await rejectionOf(post({ workplaceMunicipality: '1400' }))).message).toMatch(/^workplaceMunicipality: /);
    });
  });
});
