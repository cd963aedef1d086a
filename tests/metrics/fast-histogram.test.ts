import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { FastHistogram } from "@/lib/metrics/fast-histogram";

// The expected exposition is prom-client's own Histogram fed the same observations: the two
// registries must print the same text, line for line.

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.1, 1];

function pair(labelNames: string[]) {
  const reference = new Registry();
  const fast = new Registry();
  const theirs = new Histogram({ name: "t_seconds", help: "A test histogram.", labelNames, buckets: BUCKETS, registers: [reference] });
  const ours = new FastHistogram("t_seconds", "A test histogram.", labelNames, BUCKETS, fast);
  return { reference, fast, theirs, ours };
}

describe("FastHistogram", () => {
  it("prints what prom-client's Histogram prints for the same observations, several labels, bounds and values past the last bucket", async () => {
    const { reference, fast, theirs, ours } = pair(["server", "method", "status"]);
    const values = [0, 0.0005, 0.001, 0.0010001, 0.004, 0.005, 0.3, 1, 1.5, 42, 0.02];
    const labelSets = [
      { server: "verify", method: "POST", status: "200" },
      { server: "verify", method: "GET", status: "404" },
      { server: "app", method: "POST", status: "499" },
    ];
    values.forEach((value, index) => {
      for (const labels of labelSets.slice(0, 1 + (index % labelSets.length))) {
        theirs.observe(labels, value);
        ours.observe(labels, value);
      }
    });
    const text = await fast.metrics();
    expect(text).toBe(await reference.metrics());
    expect(text).toContain('t_seconds_bucket{le="0.001",server="verify",method="POST",status="200"} 3');
    expect(text).toContain('t_seconds_count{server="app",method="POST",status="499"} 3');
    // The JSON form too, but for prom-client's exemplar fields (always empty here: exemplars are off).
    const withoutExemplars = (metrics: Awaited<ReturnType<Registry["getMetricsAsJSON"]>>) =>
      metrics.map((metric) => ({
        ...metric,
        values: metric.values.map((value) => Object.fromEntries(Object.entries(value).filter(([field]) => field !== "exemplar"))),
      }));
    expect(await fast.getMetricsAsJSON()).toEqual(withoutExemplars(await reference.getMetricsAsJSON()));
  });

  it("keeps label values apart that would run together as text, and forgets everything on reset", async () => {
    const { reference, fast, theirs, ours } = pair(["a", "b"]);
    for (const labels of [
      { a: "x", b: "yz" },
      { a: "xy", b: "z" },
    ]) {
      theirs.observe(labels, 0.002);
      ours.observe(labels, 0.002);
    }
    expect(await fast.metrics()).toBe(await reference.metrics());
    expect(await fast.metrics()).toContain('t_seconds_count{a="xy",b="z"} 1');
    fast.resetMetrics();
    reference.resetMetrics();
    expect(await fast.metrics()).toBe(await reference.metrics());
  });

  it("with one label, as the verification histogram has", async () => {
    const { reference, fast, theirs, ours } = pair(["code"]);
    for (const [code, value] of [
      ["VALID", 0.0002],
      ["NOT_FOUND", 0.03],
      ["VALID", 0.2],
    ] as const) {
      theirs.observe({ code }, value);
      ours.observe({ code }, value);
    }
    expect(await fast.metrics()).toBe(await reference.metrics());
  });
});
