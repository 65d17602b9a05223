import { useTranslation } from 'react-i18next';
import { useNames } from '../api/reference';
import type { Explanation, TaskCoverage } from '../api/types';

/**
 * A proposal's explanation drawn: each factor's contribution as a bar out of its weight, and the tasks covered and
 * missing with the level reached against the level required. The bars are decoration; the text says it all.
 */
export function ExplanationView({
  explanation,
  headingLevel = 3,
  tasksOpen = false,
}: {
  explanation: Explanation;
  headingLevel?: 3 | 4;
  /** The task lists start folded (a queue of many proposals stays scannable) unless asked otherwise. */
  tasksOpen?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const round = (n: number) => formatScore(n, i18n.language);
  const H = `h${headingLevel}` as 'h3';
  const known = ['taskCoverage', 'interests', 'shortage', 'waiting', 'supportFit'];
  const factorName = (f: string) => (known.includes(f) ? t(`factor.${f}`) : f);
  return (
    <div className="explanation">
      <H>{t('explanation.factorsTitle')}</H>
      <ul className="factor-bars">
        {explanation.factors.map((f) => (
          <li key={f.factor}>
            <span className="factor-label">
              {t('explanation.factorBar', { factor: factorName(f.factor), contribution: round(f.contribution), weight: round(f.weight) })}
            </span>
            <span className="bar" aria-hidden="true">
              <span className="bar-weight" style={{ width: `${f.weight}%` }}>
                <span className="bar-fill" style={{ width: f.weight > 0 ? `${(100 * f.contribution) / f.weight}%` : '0' }} />
              </span>
            </span>
          </li>
        ))}
      </ul>
      <p className="total">{t('explanation.total', { score: round(explanation.score) })}</p>
      <TaskCoverageView
        tasksCovered={explanation.tasksCovered}
        tasksMissing={explanation.tasksMissing}
        headingLevel={headingLevel === 3 ? 4 : 5}
        open={tasksOpen}
      />
    </div>
  );
}

/** The tasks she covers and the ones missing, each with the level reached against the level required. */
export function TaskCoverageView({
  tasksCovered,
  tasksMissing,
  headingLevel,
  open = false,
}: {
  tasksCovered: TaskCoverage[];
  tasksMissing: TaskCoverage[];
  headingLevel: 4 | 5;
  open?: boolean;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const H = `h${headingLevel}` as 'h4';
  const taskRow = (task: TaskCoverage) => (
    <li key={task.taskId} className={`task-row ${task.weight}`}>
      <span className="task-name">{names.task(task.taskId)}</span>
      <span className="task-weight">{t(`weight.${task.weight}`)}</span>
      <span className="task-level">
        {task.reached === null
          ? t('explanation.notReachedOf', { required: task.required })
          : t('explanation.reachedOf', { reached: task.reached, required: task.required })}
      </span>
      <LevelDots reached={task.reached ?? 0} required={task.required} />
    </li>
  );
  return (
    <details className="tasks-details" open={open}>
      <summary>{t('explanation.tasksSummary', { covered: tasksCovered.length, missing: tasksMissing.length })}</summary>
      <div className="tasks-columns">
        <section>
          <H>{t('explanation.covered', { count: tasksCovered.length })}</H>
          <ul className="task-list">{tasksCovered.map(taskRow)}</ul>
        </section>
        <section>
          <H>{t('explanation.missing', { count: tasksMissing.length })}</H>
          <ul className="task-list">{tasksMissing.map(taskRow)}</ul>
        </section>
      </div>
    </details>
  );
}

/** Three dots: filled up to the level reached, outlined up to the level required. */
export function LevelDots({ reached, required }: { reached: number; required: number }) {
  return (
    <span className="level-dots" aria-hidden="true">
      {[1, 2, 3].map((level) => (
        <span key={level} className={`dot${level <= reached ? ' dot-reached' : ''}${level <= required ? ' dot-required' : ''}`} />
      ))}
    </span>
  );
}

/** A score or points with at most one decimal, in the page's language (53,6 in Swedish, 53.6 in English). */
export const formatScore = (n: number, language: string): string =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1 }).format(n);
