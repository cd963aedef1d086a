import { describe, expect, it } from "vitest";
import { againstTarget, median, ratioPerRound, VERIFY_SERVER_TARGETS } from "@/bench/compare-targets";

describe("bench:compare's reading of issue 16's targets", () => {
  it("holds the verify server to the shares of the ceiling the issue names", () => {
    // Issue 16, "Targets": hot ≥ 50 %, round robin ≥ 40 %, malformed ≥ 70 %, unknown key id ≥ 50 %, wrong secret ≥ 50 %.
    expect(VERIFY_SERVER_TARGETS).toEqual({
      "hot key": 0.5,
      "round robin": 0.4,
      malformed: 0.7,
      "unknown key id": 0.5,
      "wrong secret": 0.5,
    });
  });

  it("gives the median, the spread and how many rounds met the target (a round exactly on it meets it)", () => {
    expect(againstTarget({ perRound: [0.55, 0.46, 0.5], target: 0.5 })).toBe("0.500 (0.460–0.550), 2 of 3 ≥ 0.5");
    expect(againstTarget({ perRound: [0.31, 0.39, 0.35, 0.38, 0.2], target: 0.4 })).toBe("0.350 (0.200–0.390), 0 of 5 ≥ 0.4");
  });

  it("takes the upper of the two middle rounds of an even count, as the throughput table always has", () => {
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([7])).toBe(7);
  });

  it("compares two systems within each round, not their medians", () => {
    expect(ratioPerRound([2, 3, 1], [1, 4, 2])).toEqual([2, 0.75, 0.5]);
    expect(againstTarget({ perRound: ratioPerRound([1.2, 0.9, 1.1], [1, 1, 1]), target: 1 }, 2)).toBe("1.10 (0.90–1.20), 2 of 3 ≥ 1");
  });
});
