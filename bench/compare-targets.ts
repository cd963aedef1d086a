// Issue 16's targets, as the issue states them (not derived from any measurement): the verify server's
// throughput as a share of the bare node:http ceiling's in the same round, per scenario; the Next
// route's at least better-auth's. Read round by round, so a reader sees how many rounds met a target
// and how far the rounds spread, not only the median (this 2-core VM moves 10–30 % between runs).

export const VERIFY_SERVER_TARGETS = {
  "hot key": 0.5,
  "round robin": 0.4,
  malformed: 0.7,
  "unknown key id": 0.5,
  "wrong secret": 0.5,
} as const;

export interface RoundFigures {
  /** The figure of each round, in round order. */
  perRound: number[];
  target: number;
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** The middle value (of an even count, the upper of the two middle ones). */
export const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;

/** "0.512 (0.470–0.550), 2 of 3 ≥ 0.5": the median, the spread and the rounds that met the target. */
export function againstTarget({ perRound, target }: RoundFigures, digits = 3): string {
  const values = sorted(perRound);
  const met = perRound.filter((value) => value >= target).length;
  return `${median(perRound).toFixed(digits)} (${values[0]!.toFixed(digits)}–${values.at(-1)!.toFixed(digits)}), ${met} of ${perRound.length} ≥ ${target}`;
}

/** One system's ratio to another's, round by round (the Next route against better-auth, each to its ceiling). */
export function ratioPerRound(system: number[], reference: number[]): number[] {
  return system.map((value, round) => value / reference[round]!);
}
