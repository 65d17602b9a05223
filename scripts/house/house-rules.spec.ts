import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createdTables,
  errorFindings,
  nestedObjectFindings,
  ownerFindings,
  ownerTable,
  readSources,
  schemaReader,
  sqlOutOfPlace,
  useCaseFindings,
  type SourceFile,
  tableWrites,
} from './house-rules';

const ROOT = resolve(__dirname, '../..');
const ARCHITECTURE = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');

describe('the house as the code has it', () => {
  const files = readSources(ROOT);
  const schemaOf = schemaReader(files);

  it('writes every table only through the owner ARCHITECTURE.md names, and the table lists every table there is', () => {
    const writes = tableWrites(files, schemaOf);
    // The check reads something: the writes it must find are there.
    expect(writes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'matching.proposals', writer: 'ProposalRepository', module: 'proposals' }),
        expect.objectContaining({ table: 'employer.needs', writer: 'NeedRepository', module: 'needs' }),
        expect.objectContaining({ table: 'follow_up.goal_figures', writer: 'GoalRepository', module: 'goals' }),
        expect.objectContaining({ table: 'candidate.validations', writer: 'InternshipRepository', module: 'internships' }),
        expect.objectContaining({ table: '*.outbox', writer: 'libs/messaging', module: 'libs/messaging' }),
      ]),
    );
    expect(ownerFindings(ownerTable(ARCHITECTURE), writes, createdTables(files, schemaOf))).toEqual([]);
  });

  it('has no SQL in controllers, consumers or domain code', () => {
    expect(sqlOutOfPlace(files)).toEqual([]);
  });

  it('types every DomainError with its service list, whose status map is exhaustive', () => {
    expect(errorFindings(files)).toEqual([]);
  });

  it('has one folder per use case: each command handler with its command and its spec', () => {
    expect(useCaseFindings(files)).toEqual([]);
  });

  it('checks that every single nested object in a body or an event is an object', () => {
    expect(files.filter((f) => f.text.includes('@ValidateNested()')).length).toBeGreaterThan(5);
    expect(nestedObjectFindings(files)).toEqual([]);
  });
});

describe('the house rules refuse a planted violation', () => {
  const schemaOf = (app: string) => ({ 'matching-service': 'matching', 'follow-up-service': 'follow_up' })[app] ?? 'x';
  const ROWS = ownerTable(`## Who writes which table

| schema.table | module | through |
| --- | --- | --- |
| \`matching.proposals\`, \`.proposal_notes\` | proposals | \`ProposalRepository\` |
| \`follow_up.goals\` | goals | \`GoalRepository\` |
| \`<schema>.outbox\` (every service) | libs/messaging | \`Outbox\` |
`);
  const repository: SourceFile = {
    path: 'apps/matching-service/src/proposals/infrastructure/postgres-proposal.repository.ts',
    text: 'export class PostgresProposalRepository extends ProposalRepository {\n  a = `INSERT INTO matching.proposals (id) VALUES ($1)`;\n  b = `UPDATE matching.proposal_notes SET x = 1`;\n}\n',
  };
  const migration: SourceFile = {
    path: 'apps/matching-service/src/database/migrations/1-proposals.ts',
    text: 'async up(q) { await q.query(`CREATE TABLE "${schema}".proposals (id uuid)`); await q.query(`CREATE TABLE matching.proposal_notes (x int)`); }\nasync down(q) { await q.query(`DROP TABLE matching.proposals`); }',
  };
  const findings = (...files: SourceFile[]) => {
    const all = [repository, migration, ...files];
    return ownerFindings(ROWS, tableWrites(all, schemaOf), createdTables(all, schemaOf)).filter((f) => !f.startsWith('follow_up.goals'));
  };

  it('accepts the owner writing its tables', () => {
    expect(findings()).toEqual([]);
  });

  it('refuses a consumer that writes a table it does not own, even through a loop over table names', () => {
    const consumer: SourceFile = {
      path: 'apps/matching-service/src/read-models/interface/messaging/read-model.consumer.ts',
      text: "export class ReadModelConsumer {\n  async on(em) {\n    for (const table of ['proposals']) await em.query(`DELETE FROM matching.${table} WHERE id = $1`);\n  }\n}\n",
    };
    expect(findings(consumer)).toEqual([
      'apps/matching-service/src/read-models/interface/messaging/read-model.consumer.ts:3: ReadModelConsumer (read-models) writes matching.proposals, whose owner is ProposalRepository (proposals)',
    ]);
  });

  it('refuses a write through a TypeORM entity by anyone but its owner', () => {
    const entity: SourceFile = {
      path: 'apps/follow-up-service/src/goals/infrastructure/goal.orm-entity.ts',
      text: "@Entity({ name: 'goals' })\nexport class GoalOrmEntity {}\n",
    };
    const handler: SourceFile = {
      path: 'apps/follow-up-service/src/outcomes/application/commands/project-event/project-event.handler.ts',
      text: 'export class ProjectEventHandler {\n  run(em) {\n    return em.getRepository(GoalOrmEntity)\n      .update({ id }, {});\n  }\n}\n',
    };
    expect(findings(entity, handler)).toEqual([
      'apps/follow-up-service/src/outcomes/application/commands/project-event/project-event.handler.ts:3: ProjectEventHandler (outcomes) writes follow_up.goals, whose owner is GoalRepository (goals)',
    ]);
  });

  it('refuses a service writing its outbox by hand instead of through libs/messaging', () => {
    const handler: SourceFile = {
      path: 'apps/matching-service/src/proposals/application/forget.ts',
      text: 'export class Forget {\n  run(em) { return em.query(`DELETE FROM "${this.schema}".outbox WHERE id = $1`); }\n}\n',
    };
    expect(findings(handler)).toEqual([
      'apps/matching-service/src/proposals/application/forget.ts:2: Forget (proposals) writes matching.outbox, whose owner is Outbox (libs/messaging)',
    ]);
  });

  it('refuses a write it cannot attribute to a table', () => {
    const repo: SourceFile = {
      path: 'apps/matching-service/src/proposals/infrastructure/postgres-proposal.repository.ts',
      text: 'export class PostgresProposalRepository extends ProposalRepository {\n  a = (t) => `DELETE FROM matching.${t}`;\n}\n',
    };
    expect(findings(repo)[0]).toMatch(/postgres-proposal\.repository\.ts:2: a write to matching\.\$\{t\}, which this check cannot resolve/);
  });

  it('refuses a table without a row, a row without a table, and a row whose owner never writes it', () => {
    const newTable: SourceFile = {
      path: 'apps/matching-service/src/database/migrations/2-reviews.ts',
      text: 'async up(q) { await q.query(`CREATE TABLE matching.reviews (id uuid)`); }\nasync down(q) {}',
    };
    const readOnly: SourceFile = { ...repository, text: 'export class PostgresProposalRepository extends ProposalRepository {}\n' };
    const all = [readOnly, migration, newTable];
    expect(ownerFindings(ROWS, tableWrites(all, schemaOf), createdTables(all, schemaOf))).toEqual([
      "matching.reviews: a migration creates it, but ARCHITECTURE.md's table of owners has no row for it",
      'matching.proposals: ARCHITECTURE.md says ProposalRepository writes it, but nothing of ProposalRepository does',
      'matching.proposal_notes: ARCHITECTURE.md says ProposalRepository writes it, but nothing of ProposalRepository does',
      'follow_up.goals: ARCHITECTURE.md names an owner for it, but no migration creates it',
    ]);
  });

  it('refuses SQL in a controller, a consumer or the domain', () => {
    const controller: SourceFile = {
      path: 'apps/matching-service/src/proposals/interface/http/proposals.controller.ts',
      text: 'export class ProposalsController {\n  list() {\n    return this.dataSource.query(`SELECT * FROM matching.proposals`);\n  }\n}\n',
    };
    const domain: SourceFile = { path: 'apps/matching-service/src/proposals/domain/proposal.ts', text: 'const sql = `\n  SELECT 1`;\n' };
    const query: SourceFile = {
      path: 'apps/matching-service/src/proposals/application/queries/list.handler.ts',
      text: 'x.query(`SELECT 1`)',
    };
    expect(sqlOutOfPlace([controller, domain, query])).toEqual([
      expect.stringMatching(
        /^apps\/matching-service\/src\/proposals\/interface\/http\/proposals\.controller\.ts:3: \.query\( in interface code/,
      ),
      expect.stringMatching(
        /^apps\/matching-service\/src\/proposals\/interface\/http\/proposals\.controller\.ts:3: `SELECT in interface code/,
      ),
      expect.stringMatching(/^apps\/matching-service\/src\/proposals\/domain\/proposal\.ts:1: `\s+SELECT in domain code/),
    ]);
  });

  it('refuses a DomainError outside the service list, and a status map that is not exhaustive', () => {
    const list: SourceFile = {
      path: 'apps/matching-service/src/matching.errors.ts',
      text: 'export abstract class MatchingError<C extends MatchingErrorCode> extends DomainError<C> {}\nexport const S = {} as const;\n',
    };
    const stray: SourceFile = {
      path: 'apps/matching-service/src/proposals/domain/proposal.errors.ts',
      text: "export class StrayError extends DomainError<'STRAY'> {}\n",
    };
    expect(errorFindings([list, stray])).toEqual([
      'apps/matching-service/src/matching.errors.ts: its status map does not `satisfies Record<Code, ClientErrorStatus>`',
      'apps/matching-service/src/proposals/domain/proposal.errors.ts:1: StrayError extends DomainError, not MatchingError',
    ]);
    expect(errorFindings([{ path: 'apps/follow-up-service/src/goals/domain/goal.ts', text: '' }])).toEqual([
      "follow-up-service: no apps/follow-up-service/src/follow-up.errors.ts with the service's one list of error codes",
    ]);
  });

  it('refuses a command handler without its spec or its command, or outside a use-case folder', () => {
    const at = (path: string): SourceFile => ({ path: `apps/matching-service/src/proposals/application/commands/${path}`, text: '' });
    expect(
      useCaseFindings([
        at('accept-proposal/accept-proposal.handler.ts'),
        at('accept-proposal/accept-proposal.command.ts'),
        at('accept-proposal/accept-proposal.handler.spec.ts'),
        at('withdraw-proposal/withdraw-proposal.handler.ts'),
        at('withdraw-proposal/withdraw-proposal.handler.spec.ts'),
        at('reject-proposal/reject-proposal.handler.ts'),
        at('reject-proposal/reject-proposal.command.ts'),
        at('expire-proposal.handler.ts'),
      ]),
    ).toEqual([
      'apps/matching-service/src/proposals/application/commands/withdraw-proposal/withdraw-proposal.handler.ts: no withdraw-proposal.command.ts beside it',
      'apps/matching-service/src/proposals/application/commands/reject-proposal/reject-proposal.handler.ts: no reject-proposal.handler.spec.ts beside it',
      'apps/matching-service/src/proposals/application/commands/expire-proposal.handler.ts: a command handler belongs in application/commands/<use-case>/<use-case>.handler.ts',
    ]);
  });

  it('refuses a single nested object without @IsObject(), inline or over several lines', () => {
    const dto: SourceFile = {
      path: 'apps/matching-service/src/placements/interface/http/dto/placement.request.ts',
      text: [
        'export class ConfirmRequest {',
        "  @ApiProperty({ description: 'Support; attached', type: SupportRequest })",
        '  @ValidateNested()',
        '  @Type(() => SupportRequest)',
        '  support!: SupportRequest;',
        '',
        '  @IsOptional()',
        '  @IsObject()',
        '  @ValidateNested()',
        '  extra?: SupportRequest;',
        '  @ValidateNested({ each: true }) tasks!: TaskRequest[];',
        '  @IsDefined() @ValidateNested() @Type(() => X) x!: X;',
        '}',
      ].join('\n'),
    };
    expect(nestedObjectFindings([dto])).toEqual([
      'apps/matching-service/src/placements/interface/http/dto/placement.request.ts:3: @ValidateNested() without @IsObject() lets a missing value or a list through',
      'apps/matching-service/src/placements/interface/http/dto/placement.request.ts:12: @ValidateNested() without @IsObject() lets a missing value or a list through',
    ]);
  });
});
