import { COMMUTE_MODEL, commute, municipalitiesWithin } from './commute';
import { getMunicipality, listMunicipalities, UnknownTaxonomyCodeError } from './taxonomy';

const codes = listMunicipalities().map((m) => m.code);

describe(commute.name, () => {
  it('is symmetric for every pair of municipalities', () => {
    const asymmetric: string[] = [];
    for (const a of codes) {
      for (const b of codes) {
        const there = commute(a, b);
        const back = commute(b, a);
        if (there.distanceKm !== back.distanceKm || there.minutes !== back.minutes) asymmetric.push(`${a}-${b}`);
      }
    }
    expect(asymmetric).toEqual([]);
  });

  it('counts zero within a municipality and at least the fixed time between two', () => {
    expect(commute('1496', '1496')).toEqual({ distanceKm: 0, minutes: 0 });
    expect(commute('1231', '1280').minutes).toBeGreaterThanOrEqual(COMMUTE_MODEL.fixedMinutes);
  });

  it('takes a plausible 25 to 40 minutes between Helsingborg and Landskrona', () => {
    const { distanceKm, minutes } = commute('1283', '1282');
    expect(distanceKm).toBeGreaterThan(18);
    expect(distanceKm).toBeLessThan(26);
    expect(minutes).toBeGreaterThanOrEqual(25);
    expect(minutes).toBeLessThanOrEqual(40);
  });

  it('takes well over three hours between Skövde and Malmö', () => {
    const { distanceKm, minutes } = commute('1496', '1280');
    expect(distanceKm).toBeGreaterThan(290);
    expect(distanceKm).toBeLessThan(340);
    expect(minutes).toBeGreaterThan(4 * 60);
  });

  it('follows the documented formula', () => {
    const { distanceKm, minutes } = commute('0180', '0380');
    const expected = COMMUTE_MODEL.fixedMinutes + ((distanceKm * COMMUTE_MODEL.roadFactor) / COMMUTE_MODEL.averageSpeedKmh) * 60;
    expect(Math.abs(minutes - expected)).toBeLessThanOrEqual(1);
    expect(distanceKm).toBeGreaterThan(60); // Stockholm–Uppsala, about 64 km as the crow flies
    expect(distanceKm).toBeLessThan(68);
  });

  it('grows with distance along a line of Skåne towns', () => {
    const fromMalmo = ['1280', '1281', '1285', '1267', '1293'].map((c) => commute('1280', c).minutes);
    expect(fromMalmo).toEqual([...fromMalmo].sort((a, b) => a - b));
    expect(new Set(fromMalmo).size).toBe(fromMalmo.length);
  });

  it('throws for an unknown municipality', () => {
    expect(() => commute('1283', '9999')).toThrow(UnknownTaxonomyCodeError);
    expect(() => commute('nope', '1283')).toThrow(/Unknown municipality code 'nope'/);
  });
});

describe(municipalitiesWithin.name, () => {
  it('includes the origin first, even at zero minutes', () => {
    expect(municipalitiesWithin('1496', 0)).toEqual(['1496']);
    expect(municipalitiesWithin('1496', 60)[0]).toBe('1496');
  });

  it('finds nothing for a negative limit', () => {
    expect(municipalitiesWithin('1496', -1)).toEqual([]);
  });

  it("reaches Skövde's neighbours within 45 minutes but not Göteborg", () => {
    const near = municipalitiesWithin('1496', 45);
    expect(near).toEqual(expect.arrayContaining(['1495', '1472', '1497', '1499', '1498'])); // Skara, Tibro, Hjo, Falköping, Tidaholm
    expect(near).not.toContain('1480');
  });

  it('reaches the Familjen Helsingborg core from Helsingborg within 45 minutes but not Malmö', () => {
    const near = municipalitiesWithin('1283', 45);
    expect(near).toEqual(expect.arrayContaining(['1282', '1284', '1260', '1277', '1292'])); // Landskrona, Höganäs, Bjuv, Åstorp, Ängelholm
    expect(near).not.toContain('1280');
  });

  it('grows with the minutes allowed, each answer containing the previous one', () => {
    let previous: string[] = [];
    for (const minutes of [0, 15, 30, 45, 60, 90, 120, 240, 480, 10_000]) {
      const reached = municipalitiesWithin('1286', minutes);
      expect(reached).toEqual(expect.arrayContaining(previous));
      expect(reached.length).toBeGreaterThanOrEqual(previous.length);
      previous = reached;
    }
    expect(previous).toHaveLength(290);
  });

  it('agrees with commute() for every destination, nearest first', () => {
    for (const origin of ['1283', '1496', '0180', '2584', '0980']) {
      for (const limit of [20, 45, 61, 90]) {
        const reached = municipalitiesWithin(origin, limit);
        const expected = codes.filter((c) => commute(origin, c).minutes <= limit);
        expect([...reached].sort()).toEqual(expected);
        const minutes = reached.map((c) => commute(origin, c).minutes);
        expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
      }
    }
  });

  it("returns the caller's own array, so changing it does not change later answers", () => {
    const first = municipalitiesWithin('1283', 45);
    first.length = 0;
    first.push('9999');
    expect(municipalitiesWithin('1283', 45)).toContain('1282');
    expect(municipalitiesWithin('1283', 45)).not.toContain('9999');
  });

  it('throws for an unknown municipality', () => {
    expect(getMunicipality('9999')).toBeUndefined();
    expect(() => municipalitiesWithin('9999', 60)).toThrow(UnknownTaxonomyCodeError);
  });
});
