import { UnknownCountyError, UnknownOccupationError } from '../../../domain/taxonomy.errors';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { SetShortageOverrideCommand } from './set-shortage-override.command';
import { SetShortageOverrideHandler } from './set-shortage-override.handler';

const NOW = new Date('2030-01-10T08:00:00Z');
const CTX = { actor: 'admin:7', correlationId: 'corr-override-1' };

function setup() {
  const world = fakeWorld(NOW);
  const handler = new SetShortageOverrideHandler(world.dataSource.asDataSource(), world.overrides, world.clock);
  const set = (override: SetShortageOverrideCommand['override']) => handler.execute(new SetShortageOverrideCommand(override, CTX));
  return { ...world, set };
}

describe(SetShortageOverrideHandler.name, () => {
  it('stores the override with who set it and when', async () => {
    const { set, overrides } = setup();

    await set({ countyCode: '14', ssyk: '9412', shortage: true });

    expect(await overrides.all()).toEqual([{ countyCode: '14', ssyk: '9412', shortage: true, setBy: CTX.actor, setAt: NOW }]);
  });

  it('replaces the override of the same county and occupation, leaving the others', async () => {
    const { set, overrides, dataSource } = setup();
    overrides.seed({ countyCode: '14', ssyk: '9412', shortage: true });
    overrides.seed({ countyCode: '12', ssyk: '9412', shortage: true });

    await set({ countyCode: '14', ssyk: '9412', shortage: false });

    expect(await overrides.forCounty(dataSource.manager, '14')).toEqual([{ countyCode: '14', ssyk: '9412', shortage: false }]);
    expect(await overrides.forCounty(dataSource.manager, '12')).toEqual([{ countyCode: '12', ssyk: '9412', shortage: true }]);
  });

  it.each([
    ['an unknown county', { countyCode: '99', ssyk: '9412', shortage: true }, UnknownCountyError, 'UNKNOWN_COUNTY', /^countyCode: /],
    ['an unknown occupation', { countyCode: '14', ssyk: '0001', shortage: true }, UnknownOccupationError, 'UNKNOWN_OCCUPATION', /^ssyk: /],
  ] as const)('rejects %s, storing nothing', async (_case, override, errorClass, code, message) => {
    const { set, overrides } = setup();

    const error = await rejectionOf(set(override));

    expect(error).toBeInstanceOf(errorClass);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(overrides.rows.size).toBe(0);
  });
});
