import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DISCLOSURE_METHOD, protectCells } from '@jobbspar/disclosure';
import { Clock } from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { OutcomeProjectionRepository } from '../../../../outcomes/domain/outcome-projection.repository';
import { whereToTrain } from '../../../domain/where-to-train';
import { WhereToTrainQuery, type PeopleCount, type WhereToTrainReport } from './where-to-train.query';

/**
 * Live, for the adult-education plan: the tasks open needs ask for, most useful to train first. Counts of people
 * of 1-4 are hidden, and so is the number of positions a step would open when it is that small, since it is bounded
 * by the people one step away; positions asked for are employers' openings and always shown. The ranking uses only
 * what is shown, so the order tells nothing about a hidden count.
 */
@QueryHandler(WhereToTrainQuery)
export class WhereToTrainHandler implements IQueryHandler<WhereToTrainQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projection: OutcomeProjectionRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ region }: WhereToTrainQuery): Promise<WhereToTrainReport> {
    const [needs, people] = await Promise.all([
      this.projection.openNeeds(this.dataSource, region.tenant),
      this.projection.jobseekers(this.dataSource, region.tenant),
    ]);
    const rows = whereToTrain(needs, people);
    const counts: PeopleCount[] = ['candidatesLacking', 'candidatesOneStepAway', 'positionsThatWouldOpen'];
    const atoms = new Map(rows.flatMap((r) => counts.map((c) => [`${r.taskId}|${c}`, r[c]] as const)));
    // No published figure is a sum of others here, so this hides exactly the counts of 1-4.
    const { cells } = await protectCells({ atoms, cells: [...atoms.keys()].map((key) => ({ key, atoms: [key] })) });
    const shown = new Map(cells.map((c) => [c.key, c.value]));
    const tasks = rows
      .map(
        (r) =>
          ({
            ...r,
            ...Object.fromEntries(counts.map((c) => [c, shown.get(`${r.taskId}|${c}`) ?? null])),
          }) as WhereToTrainReport['tasks'][number],
      )
      .sort(
        (a, b) =>
          (b.positionsThatWouldOpen ?? 0) - (a.positionsThatWouldOpen ?? 0) ||
          (b.candidatesOneStepAway ?? 0) - (a.candidatesOneStepAway ?? 0) ||
          b.positionsAsking - a.positionsAsking ||
          (a.taskId < b.taskId ? -1 : 1),
      );
    return { region: region.tenant, dataAsOf: this.clock.now().toISOString(), method: DISCLOSURE_METHOD, tasks };
  }
}
