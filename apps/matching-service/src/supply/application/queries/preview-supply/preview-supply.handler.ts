import { commute, isKnownMunicipality, isKnownTask, municipalitiesWithin } from '@jobbspar/taxonomy';
import { Clock } from '@jobbspar/platform';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MAX_COMMUTE_MINUTES } from '../../../../matching/application/pair-scorer';
import { matchableCandidate } from '../../../../matching/domain/match-edge';
import { ReadModelReader } from '../../../../read-models/application/read-model.reader';
import { SupplyPreviewInvalid } from '../../../domain/supply.errors';
import { previewSupply, type DraftRole } from '../../../domain/supply-preview';
import { PreviewSupplyQuery, SupplyPreviewView } from './preview-supply.query';

/**
 * The role designer's live supply preview: who of the candidates matching already knows would qualify for a role
 * HR is still composing. Reads the live read models through the task index, with the commute filter in SQL, and
 * judges each candidate by the hard filters proposals pass; it changes nothing.
 */
@QueryHandler(PreviewSupplyQuery)
export class PreviewSupplyHandler implements IQueryHandler<PreviewSupplyQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readModels: ReadModelReader,
    private readonly clock: Clock,
  ) {}

  async execute({ role }: PreviewSupplyQuery): Promise<SupplyPreviewView> {
    check(role);
    const workplace = role.workplaceMunicipality;
    const codes = municipalitiesWithin(workplace, MAX_COMMUTE_MINUTES);
    const reach = { codes, minutes: codes.map((code) => commute(code, workplace).minutes) };
    const em = this.dataSource.manager;
    const ids = await this.readModels.candidatesHoldingAny(
      em,
      role.tasks.map((t) => t.taskId),
      reach,
    );
    const candidates = (await this.readModels.candidates(em, ids)).map((c) => matchableCandidate(c).forMatching);
    const preview = previewSupply(candidates, role, { today: this.clock.today(), commuteMinutes });
    return { ...role, ...preview };
  }
}

function check(role: DraftRole): void {
  if (!isKnownMunicipality(role.workplaceMunicipality)) {
    throw new SupplyPreviewInvalid('workplaceMunicipality', `${role.workplaceMunicipality} is not a municipality code of the taxonomy`);
  }
  const seen = new Set<string>();
  for (const [i, task] of role.tasks.entries()) {
    if (!isKnownTask(task.taskId)) throw new SupplyPreviewInvalid(`tasks.${i}.taskId`, `${task.taskId} is not a task of the taxonomy`);
    if (seen.has(task.taskId)) throw new SupplyPreviewInvalid(`tasks.${i}.taskId`, `${task.taskId} is in the role twice`);
    seen.add(task.taskId);
  }
}

function commuteMinutes(from: string, to: string): number {
  try {
    return commute(from, to).minutes;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
