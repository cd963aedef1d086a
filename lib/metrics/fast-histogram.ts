import type { Registry } from "prom-client";

// A Prometheus histogram for the verification path, exposed through prom-client's registry like any
// of its metrics. prom-client's own Histogram converts, validates and hashes the labels on every
// observe(); this one finds its series by the label values and bumps one bucket. The exposition is
// line for line what prom-client's Histogram gives for the same observations
// (tests/metrics/fast-histogram.test.ts).

interface Series {
  labels: Record<string, string>;
  /** Observations per bucket (not cumulative; the last slot is above every bound). */
  counts: number[];
  sum: number;
  count: number;
}

interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string>;
  value: number;
  metricName: string;
}

export class FastHistogram<Label extends string> {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly Label[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  observe(labels: Record<Label, string>, value: number): void {
    const names = this.labelNames;
    let key = names.length === 0 ? "" : labels[names[0]!];
    for (let i = 1; i < names.length; i++) key += "\u0000" + labels[names[i]!];
    let series = this.series.get(key);
    if (series === undefined) {
      series = { labels: { ...labels }, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    let bucket = 0;
    while (bucket < this.buckets.length && value > this.buckets[bucket]!) bucket++;
    series.counts[bucket]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** prom-client's registry reads this for the text exposition (as it does its own histograms'). */
  getForPromString(): { name: string; help: string; type: "histogram"; aggregator: "sum"; values: ExportedValue[] } {
    const values: ExportedValue[] = [];
    for (const series of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((le, index) => {
        cumulative += series.counts[index]!;
        values.push({ labels: { le }, sharedLabels: series.labels, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push(
        { labels: { le: "+Inf" }, sharedLabels: series.labels, value: series.count, metricName: `${this.name}_bucket` },
        { labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.name}_sum` },
        { labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.name}_count` },
      );
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** The values with every label in `labels` (prom-client's get(), e.g. for getMetricsAsJSON). */
  get(): { name: string; help: string; type: "histogram"; aggregator: "sum"; values: Omit<ExportedValue, "sharedLabels">[] } {
    const exported = this.getForPromString();
    return {
      ...exported,
      values: exported.values.map(({ sharedLabels, labels, ...value }) => ({ ...value, labels: { ...labels, ...sharedLabels } })),
    };
  }

  reset(): void {
    this.series.clear();
  }
}
