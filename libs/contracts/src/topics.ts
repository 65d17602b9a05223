/**
 * Logical topic names, one stream per aggregate type, keyed by aggregate id so order holds per aggregate.
 * The physical name is `<prefix><logical>` (prefix `jobbspar.` by default; tests use their own to stay isolated).
 */
export const Topics = {
  employers: 'employer.employers',
  roles: 'employer.roles',
  needs: 'employer.needs',
  candidates: 'candidate.candidates',
  proposals: 'matching.proposals',
  placements: 'matching.placements',
} as const;

export type LogicalTopic = (typeof Topics)[keyof typeof Topics];
export const ALL_TOPICS: readonly LogicalTopic[] = Object.values(Topics);

export function physicalTopic(prefix: string, topic: string): string {
  return `${prefix}${topic}`;
}

/** One dead-letter topic per consuming service: the failure belongs to the consumer, not to the stream. */
export function deadLetterTopic(prefix: string, consumer: string): string {
  return `${prefix}dead-letter.${consumer}`;
}
