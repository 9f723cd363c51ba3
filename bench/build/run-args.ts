/** The command line of the build benchmark: event counts such as 1M or 10M, and its flags. */
import { parseArgs } from 'node:util';

export interface BenchSize {
  /** As the user wrote it, normalized: '1M', '10M', '250K'; names the sample cache folder. */
  readonly label: string;
  /** About this many events; the sample generator rounds to whole users. */
  readonly events: number;
}

export interface BenchOptions {
  readonly sizes: readonly BenchSize[];
  /** Runs of the floor and of the build per size; the table shows the fastest of each. */
  readonly repeat: number;
  /** Keep the temporary project copies (their target/ holds run_results.json). */
  readonly keep: boolean;
}

export const DEFAULT_SIZES: readonly string[] = ['1M', '10M'];

const SIZE = /^(\d+(?:\.\d+)?)([kKmM]?)$/;

/** '1M' -> 1,000,000 events; '250k' -> 250,000; '20000' -> 20,000. */
export function parseSize(text: string): BenchSize {
  const match = SIZE.exec(text.replace(/[_,]/g, ''));
  const unit = (match?.[2] ?? '').toUpperCase();
  const events = match?.[1] === undefined ? Number.NaN : Math.round(Number(match[1]) * (unit === 'M' ? 1e6 : unit === 'K' ? 1e3 : 1));
  if (!Number.isInteger(events) || events < 1000) {
    throw new Error(`'${text}' is not an event count; give sizes such as 1M 10M or 250K (at least 1000 events)`);
  }
  return { label: labelOf(events), events };
}

/** The shortest exact label: 10000000 -> '10M', 250000 -> '250K', 1500000 -> '1500K', 1234 -> '1234'. */
export function labelOf(events: number): string {
  if (events % 1e6 === 0) return `${events / 1e6}M`;
  if (events % 1e3 === 0) return `${events / 1e3}K`;
  return String(events);
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { repeat: { type: 'string' }, keep: { type: 'boolean' } },
  });
  const repeat = values.repeat === undefined ? 3 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat takes a whole number of at least 1, got '${values.repeat}'`);
  const sizes = (positionals.length === 0 ? DEFAULT_SIZES : positionals).map(parseSize);
  return { sizes, repeat, keep: values.keep === true };
}
