// Summaries the tables print: nearest-rank percentiles, so every figure is one that was measured.

/** The p-th percentile (0 < p ≤ 100) by nearest rank; with fewer than 100 samples p99 is the maximum. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values) => percentile(values, 50);

export function summarize(values) {
  return {
    n: values.length,
    median: median(values),
    p99: percentile(values, 99),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** Rounds for the JSON results: enough digits to compare runs, no float noise. */
export function round(value, digits = 3) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
