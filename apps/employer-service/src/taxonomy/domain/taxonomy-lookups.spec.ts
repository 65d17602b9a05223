import { requireCounty, requireMunicipality, requireOccupation, requireTask } from './taxonomy-lookups';
import { isShortageNeed } from './shortage';
import { UnknownCountyError, UnknownMunicipalityError, UnknownOccupationError, UnknownTaskError } from './taxonomy.errors';

describe('taxonomy look-ups used by employer-service', () => {
  it('finds Skövde in Västra Götaland and Malmö in Skåne', () => {
    expect(requireMunicipality('1496', 'workplaceMunicipality')).toMatchObject({ code: '1496', name: 'Skövde', countyCode: '14' });
    expect(requireMunicipality('1280', 'workplaceMunicipality')).toMatchObject({ name: 'Malmö', countyCode: '12' });
    expect(requireCounty('14', 'county').name).toBe('Västra Götalands län');
  });

  it('answers unknown codes with the field they came from', () => {
    expect(() => requireMunicipality('1400', 'workplaceMunicipality')).toThrow(UnknownMunicipalityError);
    expect(() => requireMunicipality('1400', 'workplaceMunicipality')).toThrow(/^workplaceMunicipality: '1400'/);
    expect(() => requireCounty('15', 'county')).toThrow(UnknownCountyError);
    expect(() => requireOccupation('9999', 'occupations[1]')).toThrow(/^occupations\[1\]: '9999'/);
    expect(() => requireOccupation('9999', 'ssyk')).toThrow(UnknownOccupationError);
    expect(() => requireTask('kitchen.nope', 'tasks[0].taskId')).toThrow(UnknownTaskError);
  });

  it('finds the tasks the Skövde roles are made of, with the occupations they belong to', () => {
    expect(requireTask('kitchen.serve-school-lunch', 'taskId').occupations[0]).toBe('9412');
    expect(requireTask('cleaning.classroom-clean', 'taskId').occupations[0]).toBe('9111');
    expect(requireOccupation('5321', 'ssyk').nameSv).toMatch(/^Undersköterskor/);
  });
});

describe(isShortageNeed.name, () => {
  it('is a shortage need when any of the role’s occupations is in shortage in the county', () => {
    // Assistant nurses (5321) are in shortage everywhere by default; kitchen assistants (9412) are not.
    expect(isShortageNeed('14', ['9412'], [])).toBe(false);
    expect(isShortageNeed('14', ['9412', '5321'], [])).toBe(true);
  });

  it("follows the administrator's overrides for that county only", () => {
    const overrides = [
      { countyCode: '14', ssyk: '9412', shortage: true },
      { countyCode: '14', ssyk: '5321', shortage: false },
    ];
    expect(isShortageNeed('14', ['9412'], overrides)).toBe(true);
    expect(isShortageNeed('14', ['5321'], overrides)).toBe(false);
    expect(isShortageNeed('12', ['9412'], overrides)).toBe(false);
    expect(isShortageNeed('12', ['5321'], overrides)).toBe(true);
  });
});
