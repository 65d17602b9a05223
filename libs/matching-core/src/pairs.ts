export interface AssignedCandidate {
  readonly candidateId: string;
  readonly score: number;
}

export interface PlacementGroup {
  /** One member (single placement) or two (pair internship), best score first. */
  readonly members: readonly string[];
  /** Mean of the members' scores, so a pair reads on the same 0..100 scale as a single proposal. */
  readonly score: number;
}

/**
 * Groups the candidates assigned to one need: best with next best, third with fourth, and so on, when the workplace
 * allows pair internships; otherwise (and for an odd one out) single placements. Ties in score are broken by
 * candidate id so the grouping is reproducible.
 */
export function formPairs(assigned: readonly AssignedCandidate[], needAllowsPairs: boolean): PlacementGroup[] {
  const seen = new Set<string>();
  for (const a of assigned) {
    if (seen.has(a.candidateId)) throw new RangeError(`candidate ${a.candidateId} is assigned twice`);
    seen.add(a.candidateId);
  }
  const ranked = [...assigned].sort(
    (a, b) => b.score - a.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0),
  );
  const groups: PlacementGroup[] = [];
  if (!needAllowsPairs) {
    for (const a of ranked) groups.push({ members: [a.candidateId], score: a.score });
    return groups;
  }
  for (let i = 0; i < ranked.length; i += 2) {
    const first = ranked[i];
    const second = ranked[i + 1];
    groups.push(
      second === undefined
        ? { members: [first.candidateId], score: first.score }
        : { members: [first.candidateId, second.candidateId], score: (first.score + second.score) / 2 },
    );
  }
  return groups;
}
