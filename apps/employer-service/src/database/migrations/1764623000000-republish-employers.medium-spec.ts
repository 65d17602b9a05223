import { CONTRACTS, EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import type { MediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import { employerDatabase } from '../../../test/employer-database';
import { REPUBLISH_CORRELATION, RepublishEmployers1764623000000 } from './1764623000000-republish-employers';

describe(RepublishEmployers1764623000000.name, () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await employerDatabase();
  });
  afterAll(() => db?.close());

  it("publishes every registered employer's EmployerRegistered once more, valid and keyed by the employer, with its organisation number", async () => {
    const employers = [
      { id: randomUUID(), number: '556000-0101', municipality: '1283', county: '12', isMunicipality: false },
      { id: randomUUID(), number: '212000-1496', municipality: '1496', county: '14', isMunicipality: true },
    ];
    for (const [i, e] of employers.entries()) {
      await db.query(
        `INSERT INTO employer.employers (id, organisation_number, name, sector, municipality_code, county_code, is_municipality, registered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8))`,
        [e.id, e.number, `Arbetsgivare ${i}`, e.isMunicipality ? 'public' : 'private', e.municipality, e.county, e.isMunicipality, i],
      );
    }
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await new RepublishEmployers1764623000000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const rows: { topic: string; message_key: string; envelope: object }[] = await db.query(
      `SELECT topic, message_key, envelope FROM employer.outbox WHERE envelope->>'correlationId' = $1 ORDER BY id`,
      [REPUBLISH_CORRELATION],
    );
    expect(rows.map((r) => [r.topic, r.message_key])).toEqual(employers.map((e) => [Topics.employers, e.id]));
    // What a consumer reads: a valid EmployerRegistered v1 with what the workplace read model needs.
    const decoded = rows.map((r) => CONTRACTS.decode(JSON.stringify(r.envelope), Topics.employers));
    expect(decoded.map((d) => [d.contract, d.payload])).toEqual(
      employers.map((e, i) => [
        EmployerRegisteredV1,
        {
          employerId: e.id,
          organisationNumber: e.number,
          name: `Arbetsgivare ${i}`,
          sector: e.isMunicipality ? 'public' : 'private',
          municipalityCode: e.municipality,
          isMunicipality: e.isMunicipality,
        },
      ]),
    );
    expect(decoded.map((d) => d.envelope.tenant)).toEqual(['se-12', 'se-14']);
  });
});
