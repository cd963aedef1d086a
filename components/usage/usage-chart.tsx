"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyCount } from "@/lib/usage/period";

import { formatCount, formatDay, formatFullDay } from "./format";

// Verifications per UTC day as bars; the same figures are in a table for screen readers.

export interface UsageChartProps {
  data: DailyCount[];
  /** What the chart shows, e.g. "Verifications of Deploy bot per day". */
  label: string;
  height?: number;
}

export function UsageChart({ data, label, height = 240 }: UsageChartProps) {
  return (
    <figure data-testid="usage-chart" className="w-full">
      <BarChart
        responsive
        data={data}
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title={label}
        accessibilityLayer
      >
        <CartesianGrid vertical={false} stroke="#e4e4e7" />
        <XAxis
          dataKey="day"
          tickFormatter={formatDay}
          tickLine={false}
          axisLine={{ stroke: "#d4d4d8" }}
          tick={{ fontSize: 12, fill: "#71717a" }}
          minTickGap={16}
        />
        <YAxis
          allowDecimals={false}
          tickFormatter={formatCount}
          tickLine={false}
          axisLine={false}
          tick={{ fontSize: 12, fill: "#71717a" }}
          width={48}
        />
        <Tooltip
          cursor={{ fill: "#f4f4f5" }}
          labelFormatter={(day) => formatFullDay(String(day))}
          formatter={(value) => [formatCount(Number(value)), "Verifications"]}
        />
        <Bar dataKey="count" name="Verifications" fill="#0284c7" radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
      </BarChart>
      <figcaption className="sr-only">{label}</figcaption>
      {/* The wrapper hides the table: a table ignores the 1px width of sr-only and would widen the page. */}
      <div className="sr-only">
        <table data-testid="usage-table">
          <caption>{label} (UTC days)</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Verifications</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.day} data-day={d.day}>
                <td>{formatFullDay(d.day)}</td>
                <td data-testid="usage-count">{d.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
