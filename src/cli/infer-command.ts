import { Command } from 'commander';
import { infer } from '../infer/run-infer.js';
import { REVIEW_BELOW } from '../infer/mapping-yaml.js';
import type { CanonicalField } from '../plugins/plugin-api.js';
import { CANONICAL_COLUMNS } from '../project/types.js';
import { PdbError } from '../errors/pdb-error.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

interface InferFlags extends CommonFlags {
  readonly source?: string;
  readonly out: string;
  readonly force?: boolean;
  readonly sampleRows: string;
}

export function inferCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('infer').description('propose the schema mapping of a source (columns, confidence, evidence) and write it for review');
  withProjectFlags(command)
    .option('--source <name.table>', 'the source to infer (default: the mapping\'s source, else the only declared source)')
    .option('--out <file>', 'the mapping file to write, relative to the project', 'mapping.yml')
    .option('--force', 'overwrite the file if it exists')
    .option('--sample-rows <n>', 'rows sampled for value profiles', '20000');
  return command.action(async (flags: InferFlags) => {
    await run(async () => {
      const sampleRows = Number(flags.sampleRows);
      if (!Number.isInteger(sampleRows) || sampleRows < 1) {
        throw new PdbError({ code: 'E_USAGE', message: `--sample-rows must be a positive whole number, not '${flags.sampleRows}'.`, hint: 'Write e.g. --sample-rows 20000.', location: { file: '--sample-rows' } });
      }
      const outcome = await infer({ ...projectOptions(flags, io), ...(flags.source === undefined ? {} : { source: flags.source }), out: flags.out, force: flags.force === true, sampleRows });
      const rows = CANONICAL_COLUMNS.map((field) => {
        const p = outcome.proposal.columns[field as CanonicalField];
        return p === undefined ? [field, '(none)', '', ''] : [field, p.expression, `${p.confidence.toFixed(2)}${p.confidence < REVIEW_BELOW ? ' review' : ''}`, p.evidence.join('; ')];
      });
      io.stdout(table([['field', 'expression', 'confidence', 'evidence'], ...rows]));
      const events = outcome.proposal.events;
      if (events !== undefined) {
        io.stdout(`\nnew-user events: ${(events.newUser ?? []).join(', ') || '(first activity)'}\n`);
        io.stdout(`funnel: ${(events.funnel ?? []).map((s) => `${s.name} [${s.events.join(', ')}]`).join(' -> ') || '(none)'}\n`);
      }
      io.stdout(`geo level: ${outcome.proposal.geoLevel ?? 'auto'}\n`);
      io.stdout(`\nWrote ${outcome.path} for ${outcome.source} (${outcome.sampleRows} sampled rows). Review it, then run pdb build.\n`);
      return 0;
    });
  });
}

/** A plain text table; the evidence column is last, so long evidence only makes lines longer. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (i === r.length - 1 ? 0 : (r[i] ?? '').length))));
  return rows.map((r) => `${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()}\n`).join('');
}
