import { describe, expect, it } from "vitest";
import { refillPeriodStart } from "@/lib/credits/period";

const at = (iso: string) => new Date(iso);
const monthly = (day: number) => ({ refillInterval: "monthly", refillAmount: 10, refillDay: day });

describe("refill periods (UTC)", () => {
  it("daily: the start of the UTC day", () => {
    expect(refillPeriodStart({ refillInterval: "daily", refillAmount: 1, refillDay: null }, at("2027-03-05T23:59:59.999Z"))).toEqual(
      at("2027-03-05T00:00:00Z"),
    );
  });

  it("monthly: this month's day once reached, else last month's", () => {
    expect(refillPeriodStart(monthly(15), at("2027-03-15T00:00:00Z"))).toEqual(at("2027-03-15T00:00:00Z"));
    expect(refillPeriodStart(monthly(15), at("2027-03-14T23:59:59Z"))).toEqual(at("2027-02-15T00:00:00Z"));
    expect(refillPeriodStart(monthly(1), at("2027-01-01T00:00:01Z"))).toEqual(at("2027-01-01T00:00:00Z"));
    expect(refillPeriodStart(monthly(20), at("2027-01-10T00:00:00Z"))).toEqual(at("2026-12-20T00:00:00Z"));
  });

  it("monthly on a day a month lacks: that month's last day", () => {
    expect(refillPeriodStart(monthly(31), at("2027-02-28T12:00:00Z"))).toEqual(at("2027-02-28T00:00:00Z"));
    expect(refillPeriodStart(monthly(31), at("2028-02-28T12:00:00Z"))).toEqual(at("2028-01-31T00:00:00Z")); // leap year: the 29th comes
    expect(refillPeriodStart(monthly(31), at("2028-02-29T00:00:00Z"))).toEqual(at("2028-02-29T00:00:00Z"));
    expect(refillPeriodStart(monthly(30), at("2027-03-29T00:00:00Z"))).toEqual(at("2027-02-28T00:00:00Z"));
  });

  it("no refill: none", () => {
    expect(refillPeriodStart({ refillInterval: null, refillAmount: null, refillDay: null }, at("2027-01-01T00:00:00Z"))).toBeNull();
  });
});
