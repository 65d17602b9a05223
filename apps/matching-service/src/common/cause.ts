/** Who caused a piece of work (a person's request or an event), for the envelopes of the events it publishes. */
export interface Cause {
  actor: string;
  correlationId: string;
  /** The event that caused this change, when an event (not a person) did. */
  causationId?: string;
}

/** The key of a candidate × need pair in maps and sets. */
export const pairKey = (candidateId: string, needId: string): string => `${candidateId}|${needId}`;
