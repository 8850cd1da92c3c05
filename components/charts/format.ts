import { formatUsd } from "@/lib/money/decimal";

// Formatting shared by every chart: axis ticks may round (compact), tooltips and tables show the exact amount to cents.

const compact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const cents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An axis tick: "$1.2K", or cents when the whole axis is under $10. */
export function usdTick(value: number | string, axisMax: number): string {
  return (axisMax < 10 ? cents : compact).format(Number(value));
}

/** An exact decimal string for a tooltip or a table cell; "—" for none. */
export function usdOrDash(value: string | null | undefined): string {
  return value == null ? "—" : formatUsd(value);
}

/** The one place a money string becomes a JS number: Chart.js draws floats. */
export function toChartNumber(value: string | null | undefined): number | null {
  return value == null ? null : Number(value);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-10" → "Oct 2026". */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Series colours: mid-tones that read on both the light and the dark background. */
export const PALETTE = ["#2f6fed", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#64748b"];
export const ACTUAL = "#2f6fed";
export const ACTUAL_FILL = "rgba(47, 111, 237, 0.75)";
export const PROJECTED = "#d97706";
export const BAND = "rgba(217, 119, 6, 0.18)";
export const BUDGET = "#dc2626";
