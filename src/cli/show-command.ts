import { Command, InvalidArgumentError, Option } from 'commander';
import type { QueryColumns, QueryResult } from '../adapters/adapter.js';
import { withPlainNumbers } from '../adapters/plain-numbers.js';
import { show } from '../api.js';
import { columnKind, formatValue } from '../show/format-value.js';
import { boxTable } from './box-table.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

type OutputFormat = 'table' | 'csv' | 'json';

/** Rows per table drawn: a long `-n` prints one table per page, never holding every row. */
const TABLE_PAGE_ROWS = 1000;

/**
 * `pdb show MODEL`: a model's first rows in key order. As a table for people (rates as
 * percentages, money rounded), or as CSV / JSON with the raw values for scripts. Rows are
 * printed as the engine delivers them, so `-n 200000` is as bounded in memory as `-n 10`.
 */
export function showCommand(io: CliIo, run: CommandRunner): Command {
  const cli = new Command('show').description("print a model's first rows, in key order").argument('<model>', 'the model name (exact, not a selector)');
  withProjectFlags(cli);
  cli.addOption(new Option('-n, --limit <n>', 'how many rows').default(10).argParser(rowCount));
  cli.addOption(new Option('-o, --output <format>', 'table for people; csv or json (raw values) for scripts').choices(['table', 'csv', 'json']).default('table'));
  return cli.action(async (model: string, flags: CommonFlags & { limit: number; output: OutputFormat }) => {
    await run(async () => {
      const printer = printerFor(flags.output, io);
      const { columns, rowCount, orderBy } = await show({ ...projectOptions(flags, io), model, limit: flags.limit, onPage: printer.page });
      printer.end(columns);
      if (flags.output === 'table') {
        const order = orderBy.length === 0 ? '' : `, ordered by ${orderBy.slice(0, 3).join(', ')}${orderBy.length > 3 ? ', …' : ''}`;
        io.stdout(`${rowCount.toLocaleString('en-US')} row${rowCount === 1 ? '' : 's'} of ${model}${order}.\n`);
      }
      return 0;
    });
  });
}

function rowCount(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`-n takes a whole number of rows, 1 or more, not '${value}'.`);
  return n;
}

interface Printer {
  page(rows: QueryResult['rows'], columns: QueryColumns): void;
  /** After the last page (also when there was none). */
  end(columns: QueryColumns): void;
}

function printerFor(format: OutputFormat, io: CliIo): Printer {
  switch (format) {
    case 'table': {
      let buffered: QueryResult['rows'][number][] = [];
      let drawn = false;
      const draw = (columns: QueryColumns): void => {
        const kinds = columns.columns.map(columnKind);
        const cells = buffered.map((row) => columns.columns.map((c, i) => formatValue(row[c], kinds[i]!)));
        io.stdout(`${boxTable(columns.columns, cells, io.interactive)}\n`);
        buffered = [];
        drawn = true;
      };
      return {
        page(rows, columns) {
          for (const row of rows) {
            buffered.push(row);
            if (buffered.length === TABLE_PAGE_ROWS) draw(columns);
          }
        },
        end(columns) {
          if (buffered.length > 0 || !drawn) draw(columns);
        },
      };
    }
    case 'csv': {
      let header = false;
      const writeHeader = (columns: QueryColumns): void => {
        if (!header) io.stdout(`${columns.columns.map(csvField).join(',')}\n`);
        header = true;
      };
      return {
        page(rows, columns) {
          writeHeader(columns);
          io.stdout(withPlainNumbers(rows, columns).map((row) => `${columns.columns.map((c) => csvField(row[c])).join(',')}\n`).join(''));
        },
        end: writeHeader,
      };
    }
    case 'json': {
      // One JSON array, a row per line: `jq` reads it whole, and it is written as rows arrive.
      let count = 0;
      return {
        page(rows, columns) {
          for (const row of withPlainNumbers(rows, columns)) io.stdout(`${count++ === 0 ? '[\n' : ',\n'}${JSON.stringify(row)}`);
        },
        end() {
          io.stdout(count === 0 ? '[]\n' : '\n]\n');
        },
      };
    }
  }
}

/** RFC 4180: quoted when it holds a comma, a quote or a line break; null is an empty field. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
