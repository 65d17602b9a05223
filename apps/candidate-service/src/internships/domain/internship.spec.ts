import { checkAssessedBy, checkAssessment, checkPeriod } from './internship';
import {
  AssessmentInFutureError,
  AssessmentOutsidePeriodError,
  InvalidLevelError,
  InvalidPeriodError,
  UnknownTaskError,
} from './internship.errors';

describe('internship rules', () => {
  const period = { startDate: '2026-03-02', endDate: '2026-03-27' };
  const task = 'kitchen.serve-school-lunch';
  const TODAY = '2026-04-01';

  it('accepts a one-day internship and rejects one that ends before it starts', () => {
    expect(() => checkPeriod({ startDate: '2026-03-02', endDate: '2026-03-02' })).not.toThrow();
    expect(() => checkPeriod({ startDate: '2026-03-02', endDate: '2026-03-01' })).toThrow(InvalidPeriodError);
  });

  it('accepts assessments on the first and the last day of the period', () => {
    expect(() => checkAssessment(period, { taskId: task, level: 1, assessedOn: '2026-03-02' }, TODAY)).not.toThrow();
    expect(() => checkAssessment(period, { taskId: task, level: 3, assessedOn: '2026-03-27' }, TODAY)).not.toThrow();
  });

  it('rejects an assessment the day before or after the period, naming assessedOn', () => {
    expect(() => checkAssessment(period, { taskId: task, level: 2, assessedOn: '2026-03-01' }, TODAY)).toThrow(
      AssessmentOutsidePeriodError,
    );
    expect(() => checkAssessment(period, { taskId: task, level: 2, assessedOn: '2026-03-28' }, TODAY)).toThrow(/^assessedOn: /);
  });

  it('rejects an assessment dated after today, naming assessedOn and today; today itself is fine', () => {
    const within = { startDate: '2026-03-02', endDate: '2026-03-27' };
    expect(() => checkAssessment(within, { taskId: task, level: 2, assessedOn: '2026-03-11' }, '2026-03-10')).toThrow(
      new AssessmentInFutureError('2026-03-11', '2026-03-10'),
    );
    expect(() => checkAssessment(within, { taskId: task, level: 2, assessedOn: '2026-03-11' }, '2026-03-10')).toThrow(
      /^assessedOn: 2026-03-11 is after today \(2026-03-10\)/,
    );
    expect(() => checkAssessment(within, { taskId: task, level: 2, assessedOn: '2026-03-10' }, '2026-03-10')).not.toThrow();
    expect(() => checkAssessedBy('2026-03-11', '2026-03-10')).toThrow(AssessmentInFutureError);
  });

  it.each([0, 4, -1, 2.5])('rejects level %p', (level) => {
    expect(() => checkAssessment(period, { taskId: task, level, assessedOn: '2026-03-10' }, TODAY)).toThrow(InvalidLevelError);
  });

  it('rejects a task the taxonomy does not know', () => {
    expect(() => checkAssessment(period, { taskId: 'kitchen.juggle-plates', level: 2, assessedOn: '2026-03-10' }, TODAY)).toThrow(
      UnknownTaskError,
    );
  });
});
