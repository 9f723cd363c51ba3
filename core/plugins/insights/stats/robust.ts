/** Order statistics the engine uses: median, median absolute deviation, robust z. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation from the median, scaled by 1.4826 so it estimates the SD of normal data. */
export function scaledMad(values: readonly number[]): number {
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

/**
 * Robust z of `x` against a reference sample: (x - median) / scaled MAD. A MAD of zero (more than
 * half the sample equal) falls back to the mean absolute deviation (x 1.2533), and to undefined
 * when every value is equal.
 */
export function robustZ(x: number, reference: readonly number[]): number | undefined {
  if (reference.length === 0) return undefined;
  const m = median(reference);
  let scale = scaledMad(reference);
  if (scale === 0) scale = 1.2533 * (reference.reduce((s, v) => s + Math.abs(v - m), 0) / reference.length);
  if (scale === 0) return undefined;
  return (x - m) / scale;
}
