import { useTranslation } from 'react-i18next';
import { useNames } from '../api/reference';
import type { DecidingCapacity, HoldingProposal, PairWhy } from '../api/types';
import { ExplanationView, formatScore } from './explanation';

/**
 * Why (or why not) a candidate for a need, drawn: the verdict in words, every hard filter as a checklist with its
 * values, the score's factors as bars of their weights, and, when she passes but is not proposed, the capacity that
 * decided it (the scores holding the room, hers, and the score she would need). The marks and bars are decoration;
 * the text says it all.
 */
export function WhyView({ why }: { why: PairWhy }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const score = (n: number) => formatScore(n, i18n.language);
  const f = why.filters;
  const checks: { key: string; passed: boolean; label: string }[] = [
    { key: 'needOpen', passed: f.needOpen.passed, label: t('why.filter.needOpen', { status: t(`needStatus.${f.needOpen.status}`) }) },
    {
      key: 'positionsLeft',
      passed: f.positionsLeft.passed,
      label: t('why.filter.positionsLeft', { count: f.positionsLeft.positionsLeft }),
    },
    {
      key: 'availableByStart',
      passed: f.availableByStart.passed,
      // The employer's side gets the verdict without her date (her circumstances, not her competence).
      label:
        f.availableByStart.availableFrom === null
          ? t('why.filter.availableByStartHidden', { by: f.availableByStart.startsOn })
          : t('why.filter.availableByStart', { from: f.availableByStart.availableFrom, by: f.availableByStart.startsOn }),
    },
    {
      key: 'commute',
      passed: f.commute.passed,
      label:
        f.commute.maxMinutes === null
          ? t('why.filter.commuteHidden', { to: names.municipality(why.workplaceMunicipality) })
          : f.commute.minutes === null
            ? t('why.filter.commuteUnknown', { max: f.commute.maxMinutes, to: names.municipality(why.workplaceMunicipality) })
            : t('why.filter.commute', {
                minutes: f.commute.minutes,
                max: f.commute.maxMinutes,
                to: names.municipality(why.workplaceMunicipality),
              }),
    },
    { key: 'consent', passed: f.consent.passed, label: t('why.filter.consent') },
    {
      key: 'notRejectedBefore',
      passed: f.notRejectedBefore.passed,
      label: why.settledAs ? t(`why.filter.settled.${why.settledAs}`) : t('why.filter.notRejectedBefore'),
    },
    ...f.mustHaves.map((m) => ({
      key: `must-${m.taskId}`,
      passed: m.passed,
      label:
        m.reached === null
          ? t('why.filter.mustHaveMissing', { task: names.task(m.taskId), required: m.required })
          : t('why.filter.mustHave', { task: names.task(m.taskId), reached: m.reached, required: m.required }),
    })),
  ];
  if (f.passed) checks.push({ key: 'holdsNeedTask', passed: why.holdsNeedTask, label: t('why.filter.holdsNeedTask') });
  return (
    <div className="why">
      <p
        className={`verdict verdict-${why.verdict === 'proposed' || why.verdict === 'accepted' || why.verdict === 'placed' ? 'yes' : 'no'}`}
      >
        <strong>{t(`why.verdict.${why.verdict}`)}</strong>
      </p>
      <section aria-labelledby="why-filters">
        <h2 id="why-filters">{t('why.filtersTitle')}</h2>
        <ul className="checklist">
          {checks.map((c) => (
            <li key={c.key} className={c.passed ? 'check-passed' : 'check-failed'}>
              <span className="check-mark" aria-hidden="true">
                {c.passed ? '✓' : '✗'}
              </span>
              <span className="visually-hidden">{c.passed ? t('why.passed') : t('why.failed')}: </span>
              {c.label}
            </li>
          ))}
        </ul>
      </section>
      {why.score === null ? null : (
        <section aria-labelledby="why-score">
          <h2 id="why-score">{t('why.scoreTitle', { score: score(why.score) })}</h2>
          <ExplanationView
            explanation={{ score: why.score, factors: why.factors, tasksCovered: why.tasksCovered, tasksMissing: why.tasksMissing }}
            tasksOpen
          />
        </section>
      )}
      {why.capacity.needSlots === null ? null : <CapacityView why={why} />}
    </div>
  );
}

function CapacityView({ why }: { why: PairWhy }) {
  const { t, i18n } = useTranslation();
  const score = (n: number) => formatScore(n, i18n.language);
  const c = why.capacity;
  const held: Record<DecidingCapacity, { count: number | null; list: HoldingProposal[] }> = {
    'need-slots': { count: c.needSlots, list: c.needHeldBy },
    'candidate-slots': { count: c.candidateSlots, list: c.candidateHeldBy },
    'supervisor-capacity': { count: c.supervisorSlots, list: c.supervisorHeldBy },
  };
  return (
    <section aria-labelledby="why-capacity">
      <h2 id="why-capacity">{t('why.capacityTitle')}</h2>
      {c.decidedBy.map((d) => (
        <div key={d} className="capacity">
          <h3>{t(`why.decidedBy.${d}`, { count: held[d].count ?? 0 })}</h3>
          <ul className="score-bars">
            {held[d].list.map((p, i) => (
              <li key={`${p.proposalId ?? i}-${p.needId ?? ''}`}>
                <span className="factor-label">{t('why.heldScore', { score: score(p.score) })}</span>
                <ScoreBar value={p.score} />
              </li>
            ))}
            {why.score === null ? null : (
              <li className="score-hers">
                <span className="factor-label">{t('why.herScore', { score: score(why.score) })}</span>
                <ScoreBar value={why.score} />
              </li>
            )}
          </ul>
        </div>
      ))}
      {c.scoreNeeded === null ? (
        why.verdict === 'out-competed' ? (
          <p>{t('why.noRoom')}</p>
        ) : null
      ) : (
        <p className="score-needed">
          {t('why.scoreNeeded', { needed: formatNeeded(c.scoreNeeded, i18n.language), score: formatNeeded(why.score ?? 0, i18n.language) })}
        </p>
      )}
    </section>
  );
}

function ScoreBar({ value }: { value: number }) {
  return (
    <span className="bar" aria-hidden="true">
      <span className="bar-weight" style={{ width: '100%' }}>
        <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </span>
    </span>
  );
}

/** To the cent, hers and the one she needs: at one decimal the two could look the same. */
const formatNeeded = (n: number, language: string): string =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
