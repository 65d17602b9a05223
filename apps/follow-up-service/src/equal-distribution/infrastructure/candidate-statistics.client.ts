import { Inject, Injectable } from '@nestjs/common';
import type { EqualDistributionTablesV1 } from '@jobbspar/contracts';
import { ServiceTokenSource } from '@jobbspar/platform';
import { FOLLOW_UP_SETTINGS, type FollowUpRuntimeSettings } from '../../common/settings';

/** candidate-service did not answer: the report cannot be made now (the caller answers 503, nothing is frozen). */
export class StatisticsUnavailableError extends Error {}

/** candidate-service's protected equal-distribution tables over HTTP: the only way its aggregates reach us. */
@Injectable()
export class CandidateStatisticsClient {
  constructor(
    @Inject(FOLLOW_UP_SETTINGS) private readonly settings: FollowUpRuntimeSettings,
    private readonly tokens: ServiceTokenSource,
  ) {}

  async equalDistribution(region: string, month: string): Promise<EqualDistributionTablesV1> {
    const configured = this.settings.candidateServiceUrl;
    const base = typeof configured === 'function' ? configured() : configured;
    if (!base) throw new StatisticsUnavailableError('CANDIDATE_SERVICE_URL is not set: equal distribution needs candidate-service');
    const url = `${base.replace(/\/$/, '')}/statistics/equal-distribution?region=${encodeURIComponent(region)}&month=${encodeURIComponent(month)}`;
    let response: Response;
    try {
      // As follow-up-service itself: these counts are for this service to protect again, never for an analyst
      // directly (candidate-service's policy admits only this identity).
      const token = await this.tokens.token();
      response = await fetch(url, { signal: AbortSignal.timeout(120_000), headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      throw new StatisticsUnavailableError(`candidate-service did not answer: ${(error as Error).message}`);
    }
    if (!response.ok) throw new StatisticsUnavailableError(`candidate-service answered ${response.status}`);
    return (await response.json()) as EqualDistributionTablesV1;
  }
}
