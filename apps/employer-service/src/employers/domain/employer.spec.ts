import { Employer, RegisterEmployerInput } from './employer';
import { InvalidOrganisationNumberError, NotAMunicipalityError } from './employer.errors';
import { UnknownMunicipalityError } from '../../taxonomy/domain/taxonomy.errors';

const NOW = new Date('2030-01-10T08:00:00Z');
const input = (over: Partial<RegisterEmployerInput> = {}): RegisterEmployerInput => ({
  id: '11111111-1111-4111-8111-111111111111',
  organisationNumber: '212000-1355',
  name: '  Skövde kommun ',
  sector: 'public',
  municipalityCode: '1496',
  isMunicipality: true,
  ...over,
});

describe(Employer.name, () => {
  it('registers a municipality in its county, with a trimmed name', () => {
    const employer = Employer.register(input(), NOW);
    expect(employer.toProps()).toEqual({
      id: '11111111-1111-4111-8111-111111111111',
      organisationNumber: '212000-1355',
      name: 'Skövde kommun',
      sector: 'public',
      municipalityCode: '1496',
      countyCode: '14',
      isMunicipality: true,
      registeredAt: NOW,
    });
    expect(employer.tenant).toBe('se-14');
  });

  it('registers a private company that is not a municipality', () => {
    const employer = Employer.register(input({ organisationNumber: '556036-0793', sector: 'private', isMunicipality: false }), NOW);
    expect(employer.isMunicipality).toBe(false);
  });

  it('rejects a wrong check digit, naming the field', () => {
    expect(() => Employer.register(input({ organisationNumber: '212000-1354' }), NOW)).toThrow(InvalidOrganisationNumberError);
    expect(() => Employer.register(input({ organisationNumber: '212000-1354' }), NOW)).toThrow(/^organisationNumber: .*check digit/);
  });

  it('rejects a personal identity number', () => {
    expect(() => Employer.register(input({ organisationNumber: '811218-9876', isMunicipality: false }), NOW)).toThrow(/third digit/);
  });

  it('rejects an unknown municipality', () => {
    expect(() => Employer.register(input({ municipalityCode: '1400' }), NOW)).toThrow(UnknownMunicipalityError);
  });

  it('refuses a private-sector or non-group-2 organisation as a municipality', () => {
    expect(() => Employer.register(input({ sector: 'private' }), NOW)).toThrow(NotAMunicipalityError);
    expect(() => Employer.register(input({ organisationNumber: '556036-0793' }), NOW)).toThrow(NotAMunicipalityError);
  });
});
