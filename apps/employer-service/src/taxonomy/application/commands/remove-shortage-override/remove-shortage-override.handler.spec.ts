import { ShortageOverrideNotFoundError } from '../../../domain/taxonomy.errors';
import { fakeWorld, rejectionOf } from '../../../../../test/fakes';
import { RemoveShortageOverrideCommand } from './remove-shortage-override.command';
import { RemoveShortageOverrideHandler } from './remove-shortage-override.handler';

function setup() {
  const world = fakeWorld();
  world.overrides.seed({ countyCode: '14', ssyk: '9412', shortage: true });
  world.overrides.seed({ countyCode: '14', ssyk: '9111', shortage: false });
  world.overrides.seed({ countyCode: '12', ssyk: '9412', shortage: true });
  const handler = new RemoveShortageOverrideHandler(world.dataSource.asDataSource(), world.overrides);
  const remove = (countyCode: string, ssyk: string) => handler.execute(new RemoveShortageOverrideCommand(countyCode, ssyk));
  return { ...world, remove };
}

describe(RemoveShortageOverrideHandler.name, () => {
  it('removes the override of that county and occupation only', async () => {
    const { remove, overrides } = setup();

    await remove('14', '9412');

    expect((await overrides.all()).map((o) => `${o.countyCode}:${o.ssyk}`)).toEqual(['14:9111', '12:9412']);
  });

  it('answers an override that does not exist with ShortageOverrideNotFound, removing nothing', async () => {
    const { remove, overrides } = setup();

    const error = await rejectionOf(remove('12', '9111'));

    expect(error).toBeInstanceOf(ShortageOverrideNotFoundError);
    expect(error).toMatchObject({ code: 'SHORTAGE_OVERRIDE_NOT_FOUND', details: { countyCode: '12', ssyk: '9111' } });
    expect(overrides.rows.size).toBe(3);
  });
});
