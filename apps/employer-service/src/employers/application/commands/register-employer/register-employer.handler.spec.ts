import { ContractViolation, EmployerRegisteredV1 } from '@jobbspar/contracts';
import { UnknownMunicipalityError } from '../../../../taxonomy/domain/taxonomy.errors';
import { fakeWorld, rejectionOf, uniqueViolation } from '../../../../../test/fakes';
import { Employer } from '../../../domain/employer';
import { EmployerAlreadyRegisteredError, InvalidOrganisationNumberError, NotAMunicipalityError } from '../../../domain/employer.errors';
import { RegisterEmployerCommand } from './register-employer.command';
import { RegisterEmployerHandler } from './register-employer.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const CTX = { actor: 'admin:1', correlationId: 'corr-register-1' };
const EXISTING_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

type Input = RegisterEmployerCommand['input'];
const skovde = (over: Partial<Input> = {}): Input => ({
  organisationNumber: '212000-1355',
  name: ' Skövde kommun ',
  sector: 'public',
  municipalityCode: '1496',
  isMunicipality: true,
  ...over,
});
const company = (over: Partial<Input> = {}): Input =>
  skovde({
    organisationNumber: '556036-0793',
    name: 'Bolaget AB',
    sector: 'private',
    municipalityCode: '1280',
    isMunicipality: false,
    ...over,
  });

function setup() {
  const world = fakeWorld(NOW);
  const handler = new RegisterEmployerHandler(world.dataSource.asDataSource(), world.employers, world.outbox, world.clock);
  const register = (input: Input = skovde()) => handler.execute(new RegisterEmployerCommand(input, CTX));
  return { ...world, register };
}

describe(RegisterEmployerHandler.name, () => {
  it('stores the employer in its municipality’s county and appends EmployerRegistered', async () => {
    const { register, employers, outbox, dataSource } = setup();

    const { employerId } = await register();

    expect(employers.rows.get(employerId)).toEqual({
      id: employerId,
      organisationNumber: '212000-1355',
      name: 'Skövde kommun',
      sector: 'public',
      municipalityCode: '1496',
      countyCode: '14',
      isMunicipality: true,
      registeredAt: NOW,
    });
    expect(outbox.appended).toHaveLength(1);
    const [event] = outbox.appended;
    expect(event.contract).toBe(EmployerRegisteredV1);
    expect(event.em).toBe(dataSource.transactions[0]);
    expect(event.payload).toEqual({
      employerId,
      organisationNumber: '212000-1355',
      name: 'Skövde kommun',
      sector: 'public',
      municipalityCode: '1496',
      isMunicipality: true,
    });
    expect(event.envelope).toMatchObject({
      tenant: 'se-14',
      aggregateId: employerId,
      aggregateVersion: 1,
      actor: CTX.actor,
      correlationId: CTX.correlationId,
    });
  });

  it("puts a company in the tenant of its own municipality's county", async () => {
    const { register, employers, outbox } = setup();

    const { employerId } = await register(company());

    expect(employers.rows.get(employerId)).toMatchObject({ countyCode: '12', isMunicipality: false, sector: 'private' });
    expect(outbox.appended[0].envelope.tenant).toBe('se-12');
  });

  describe('rejects, storing and appending nothing', () => {
    it('an organisation number already registered, naming the employer that has it', async () => {
      const { register, employers, outbox } = setup();
      employers.seed(Employer.register({ ...skovde(), id: EXISTING_ID }, NOW));

      const error = await rejectionOf(register(skovde({ name: 'Skövde kommun igen' })));

      expect(error).toBeInstanceOf(EmployerAlreadyRegisteredError);
      expect(error).toMatchObject({
        code: 'EMPLOYER_ALREADY_REGISTERED',
        details: { field: 'organisationNumber', employerId: EXISTING_ID },
      });
      expect([...employers.rows.keys()]).toEqual([EXISTING_ID]);
      expect(outbox.appended).toEqual([]);
    });

    it('the loser of two simultaneous registrations of one number, when the unique index decides', async () => {
      const { register, employers, outbox } = setup();
      employers.seed(Employer.register({ ...skovde(), id: EXISTING_ID }, NOW));
      // The other registration commits between this one's look-up and its insert.
      jest.spyOn(employers, 'findIdByOrganisationNumber').mockResolvedValue(null);

      const error = await rejectionOf(register());

      expect(error).toBeInstanceOf(EmployerAlreadyRegisteredError);
      expect(error.code).toBe('EMPLOYER_ALREADY_REGISTERED');
      expect([...employers.rows.keys()]).toEqual([EXISTING_ID]);
      expect(outbox.appended).toEqual([]);
    });

    it.each([
      [
        'an invalid check digit',
        skovde({ organisationNumber: '212000-1354' }),
        InvalidOrganisationNumberError,
        'INVALID_ORGANISATION_NUMBER',
      ],
      ['a private company claiming to be a municipality', company({ isMunicipality: true }), NotAMunicipalityError, 'NOT_A_MUNICIPALITY'],
      ['an unknown municipality', skovde({ municipalityCode: '1400' }), UnknownMunicipalityError, 'UNKNOWN_MUNICIPALITY'],
    ] as const)('%s', async (_case, input, errorClass, code) => {
      const { register, employers, outbox } = setup();

      const error = await rejectionOf(register(input));

      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect(employers.rows.size).toBe(0);
      expect(outbox.appended).toEqual([]);
    });
  });

  it('passes on a unique violation of another constraint as it is', async () => {
    const { register, employers, outbox } = setup();
    const violation = uniqueViolation('employers_pkey');
    jest.spyOn(employers, 'insert').mockRejectedValue(violation);

    expect(await rejectionOf(register())).toBe(violation);
    expect(outbox.appended).toEqual([]);
  });

  it('rolls the stored employer back when its event cannot be appended', async () => {
    const { register, employers, outbox, dataSource } = setup();

    const error = await rejectionOf(register(skovde({ name: 'x'.repeat(201) })));

    expect(error).toBeInstanceOf(ContractViolation);
    expect(dataSource.rollbacks).toBe(1);
    expect(employers.rows.size).toBe(0);
    expect(outbox.appended).toEqual([]);
  });
});
