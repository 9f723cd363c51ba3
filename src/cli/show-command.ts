import { Command, Option } from 'commander';
import { show } from '../api.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

export function showCommand(io: CliIo, run: CommandRunner): Command {
  const cli = new Command('show').description("print a model's first rows as a table").argument('<model>', 'the model name');
  withProjectFlags(cli);
  cli.addOption(new Option('-n, --limit <n>', 'how many rows').default(10).argParser((v) => Math.max(1, Number.parseInt(v, 10) || 10)));
  return cli.action(async (model: string, flags: CommonFlags & { limit: number }) => {
    await run(async () => {
      const { result } = await show({ ...projectOptions(flags, io), model, limit: flags.limit });
      const { default: Table } = await import('cli-table3');
      const table = new Table({ head: [...result.columns], style: { head: io.interactive ? ['cyan'] : [], border: io.interactive ? ['grey'] : [] } });
      for (const row of result.rows) table.push(result.columns.map((c) => formatCell(row[c])));
      io.stdout(`${table.toString()}\n${result.rows.length} row${result.rows.length === 1 ? '' : 's'} of ${model}.\n`);
      return 0;
    });
  });
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Number(value.toPrecision(6)));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
