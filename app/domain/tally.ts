// How a committee's votes on one product add up. The rules, as Jalon applies them:
// - A vote is for an *option*: an outcome, and for "next phase" the phase voted for (moving to
//   acceleration and handing over are different proposals). "Continue with conditions" counts as
//   "continue"; how many asked for conditions is counted beside it.
// - A member with a conflict of interest abstains: the vote is kept (to be seen in the minutes) and
//   counts neither for an option nor for the quorum.
// - Quorum: at least half of the session's voting members expressed a choice (cast × 2 ≥ members).
//   Below that the tally says "no quorum"; the decision still belongs to the incubator (the doctrine
//   forbids ending without one), but the minutes show it was taken without quorum.
// - Majority: an option chosen by more than half of the votes cast (absolute majority). Unanimity:
//   every vote cast for the same option, with at least one vote cast.
import type { Outcome } from "~/generated/prisma/enums";
import type { Phase } from "./phases";

export interface VoteLike {
  /** Null: conflict of interest, the member abstains. */
  choice: Outcome | null;
  targetPhase: Phase | null;
  withConditions: boolean;
}

export interface TallyOption {
  /** "continue", "next_phase:acceleration"… */
  key: string;
  outcome: Outcome;
  targetPhase: Phase | null;
  count: number;
  /** Of `count`, the votes that asked for conditions. */
  withConditions: number;
}

export interface Tally {
  /** Options that received at least one vote, the most voted first. */
  options: TallyOption[];
  /** Votes for an option. */
  cast: number;
  /** Conflicts of interest declared. */
  abstentions: number;
  /** Members entitled to vote (at least the number of votes received). */
  members: number;
  /** Members who have not voted yet. */
  missing: number;
  quorum: boolean;
  /** The option with more than half of the votes cast, if one has. */
  majority: TallyOption | null;
  unanimous: boolean;
}

/** An option's key: a next phase names its target; a stop's target follows from the phase. */
export function optionKey(outcome: Outcome, targetPhase: Phase | null): string {
  return outcome === "next_phase" && targetPhase ? `${outcome}:${targetPhase}` : outcome;
}

/** Quorum: half of the members at least expressed a choice, and someone did. */
export function hasQuorum(cast: number, members: number): boolean {
  return cast > 0 && cast * 2 >= members;
}

export function tally(votes: readonly VoteLike[], votingMembers: number): Tally {
  const byKey = new Map<string, TallyOption>();
  let abstentions = 0;
  for (const vote of votes) {
    if (vote.choice === null) {
      abstentions += 1;
      continue;
    }
    const target = vote.choice === "next_phase" ? vote.targetPhase : null;
    const key = optionKey(vote.choice, target);
    const option = byKey.get(key) ?? { key, outcome: vote.choice, targetPhase: target, count: 0, withConditions: 0 };
    option.count += 1;
    if (vote.withConditions) option.withConditions += 1;
    byKey.set(key, option);
  }
  const options = [...byKey.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const cast = options.reduce((sum, o) => sum + o.count, 0);
  // A vote from someone the member list forgot still counts: the list is never smaller than the votes.
  const members = Math.max(votingMembers, votes.length);
  const top = options[0];
  return {
    options,
    cast,
    abstentions,
    members,
    missing: members - votes.length,
    quorum: hasQuorum(cast, members),
    majority: top && top.count * 2 > cast ? top : null,
    unanimous: cast > 0 && options.length === 1,
  };
}
