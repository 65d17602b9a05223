import { checkAssessment, checkPeriod } from './internship';
import { AssessmentOutsidePeriodError, InvalidLevelError, InvalidPeriodError, UnknownTaskError } from './internship.errors';

describe('internship rules', () => {
  const period = { startDate: '2026-03-02', endDate: '2026-03-27' };
  const task = 'kitchen.serve-school-lunch';

  it('accepts a one-day internship and rejects one that ends before it starts', () => {
    expect(() => checkPeriod({ startDate: '2026-03-02', endDate: '2026-03-02' })).not.toThrow();
    expect(() => checkPeriod({ startDate: '2026-03-02', endDate: '2026-03-01' })).toThrow(InvalidPeriodError);
  });

  it('accepts assessments on the first and the last day of the period', () => {
    expect(() => checkAssessment(period, { taskId: task, level: 1, assessedOn: '2026-03-02' })).not.toThrow();
    expect(() => checkAssessment(period, { taskId: task, level: 3, assessedOn: '2026-03-27' })).not.toThrow();
  });

  it('rejects an assessment the day before or after the period, naming assessedOn', () => {
    expect(() => checkAssessment(period, { taskId: task, level: 2, assessedOn: '2026-03-01' })).toThrow(AssessmentOutsidePeriodError);
    expect(() => checkAssessment(period, { taskId: task, level: 2, assessedOn: '2026-03-28' })).toThrow(/^assessedOn: /);
  });

  it.each([0, 4, -1, 2.5])('rejects level %p', (level) => {
    expect(() => checkAssessment(period, { taskId: task, level, assessedOn: '2026-03-10' })).toThrow(InvalidLevelError);
  });

  it('rejects a task the taxonomy does not know', () => {
    expect(() => checkAssessment(period, { taskId: 'kitchen.juggle-plates', level: 2, assessedOn: '2026-03-10' })).toThrow(
      UnknownTaskError,
    );
  });
});
