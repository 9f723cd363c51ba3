const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes in binary units, as BigQuery bills them: `512 B`, `1.50 GiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = 'B';
  for (const next of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value.toFixed(2)} ${unit}`;
}

/** US dollars; amounts under a cent are shown as such, not rounded to nothing. */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.01) return '< $0.01';
  return `$${amount.toFixed(2)}`;
}
