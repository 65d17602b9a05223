import { fakeEntityManager } from '@jobbspar/testing';
import { candidateWorld, WORKPLACE_ID } from '../../../../../test/fakes';
import { RecordWorkplaceCommand } from './record-workplace.command';
import { RecordWorkplaceHandler } from './record-workplace.handler';

describe(RecordWorkplaceHandler.name, () => {
  it('makes a registered employer a workplace for internships, keeping its latest name', async () => {
    const { workplaces } = candidateWorld();
    const handler = new RecordWorkplaceHandler(workplaces);
    const em = fakeEntityManager(true);

    await handler.execute(
      new RecordWorkplaceCommand(
        { workplaceId: WORKPLACE_ID, name: 'Skövde kommun', municipalityCode: '1496', organisationNumber: '212000-1660' },
        em,
      ),
    );
    await handler.execute(
      new RecordWorkplaceCommand(
        { workplaceId: WORKPLACE_ID, name: 'Skövde kommun, kost', municipalityCode: '1496', organisationNumber: '212000-1660' },
        em,
      ),
    );

    expect(await workplaces.exists(em, WORKPLACE_ID)).toBe(true);
    expect([...workplaces.rows.values()]).toEqual([
      { workplaceId: WORKPLACE_ID, name: 'Skövde kommun, kost', municipalityCode: '1496', organisationNumber: '212000-1660' },
    ]);
  });
});
