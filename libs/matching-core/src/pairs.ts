export interface AssignedCandidate {
  readonly candidateId: string;
  readonly score: number;
}

export interface PlacementGroup {
  /** One member (single placement) or two (pair internship), best score first. */
  readonly members: readonly string[];
  /** Mean of the members' scores, so a pair reads on the same 0..100 scale as a single proposal. */
  readonly score: number;
  /**
   * Members who were proposed in an earlier solve and are still open and unpaired (`openSingles`): the group pairs a
   * new proposal with that earlier one. Absent when every member is new.
   */
  readonly earlier?: readonly string[];
}

/**
 * Groups the candidates assigned to one need: best with next best, third with fourth, and so on, when the workplace
 * allows pair internships; otherwise (and for an odd one out) single placements. Ties in score are broken by
 * candidate id so the grouping is reproducible.
 *
 * Across solves: `openSingles` are the need's earlier proposals that are still open and have no partner. They are
 * ranked with the new ones, and consecutive candidates are paired as above, except that two earlier proposals are
 * never paired with each other (nothing new happened to them): the better one stays as it is and the next in rank
 * is tried. Only groups with at least one new member come out; an earlier proposal that finds no new partner keeps
 * its single proposal and is not listed. Without pair internships the earlier ones are ignored.
 */
export function formPairs(
  assigned: readonly AssignedCandidate[],
  needAllowsPairs: boolean,
  openSingles: readonly AssignedCandidate[] = [],
): PlacementGroup[] {
  const seen = new Set<string>();
  for (const a of [...assigned, ...openSingles]) {
    if (seen.has(a.candidateId)) throw new RangeError(`candidate ${a.candidateId} is assigned twice`);
    seen.add(a.candidateId);
  }
  const earlier = new Set(openSingles.map((a) => a.candidateId));
  const ranked = [...assigned, ...(needAllowsPairs ? openSingles : [])].sort(
    (a, b) => b.score - a.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0),
  );
  const groups: PlacementGroup[] = [];
  if (!needAllowsPairs) {
    for (const a of ranked) groups.push({ members: [a.candidateId], score: a.score });
    return groups;
  }
  let waiting: AssignedCandidate | null = null;
  for (const a of ranked) {
    if (waiting === null) {
      waiting = a;
    } else if (earlier.has(waiting.candidateId) && earlier.has(a.candidateId)) {
      waiting = a;
    } else {
      const members = [waiting.candidateId, a.candidateId];
      const old = members.filter((m) => earlier.has(m));
      const group = { members, score: (waiting.score + a.score) / 2 };
      groups.push(old.length > 0 ? { ...group, earlier: old } : group);
      waiting = null;
    }
  }
  if (waiting !== null && !earlier.has(waiting.candidateId)) groups.push({ members: [waiting.candidateId], score: waiting.score });
  return groups;
}
