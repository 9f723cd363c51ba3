import { Command } from 'commander';
import { relative } from 'node:path';
import { PdbError } from '../errors/pdb-error.js';
import { init, type InitOutcome } from '../init/run-init.js';
import type { CliIo, CommandRunner } from './io.js';
import { count } from '../text/count.js';
import { fieldsToReview, proposalText } from './proposal-table.js';

interface InitFlags {
  readonly source?: string;
  readonly force?: boolean;
  readonly sampleRows: string;
}

export function initCommand(io: CliIo, run: CommandRunner): Command {
  return new Command('init')
    .description('write a project for your events: project.yml, profiles.yml, the source and a mapping proposed by inference')
    .argument('[dir]', 'the project folder (created if missing)', '.')
    .option('--source <path|glob|bigquery:project.dataset.table>', 'your events: CSV, Parquet or JSON/NDJSON files (a path, glob or folder), a DuckDB file (file.duckdb[:table]), or a BigQuery table')
    .option('--force', 'replace the files of an existing project')
    .option('--sample-rows <n>', 'rows sampled for value profiles', '20000')
    .action(async (dir: string, flags: InitFlags) => {
      await run(async () => {
        const sampleRows = Number(flags.sampleRows);
        if (!Number.isInteger(sampleRows) || sampleRows < 1) {
          throw new PdbError({ code: 'E_USAGE', message: `--sample-rows must be a positive whole number, not '${flags.sampleRows}'.`, hint: 'Write e.g. --sample-rows 20000.', location: { file: '--sample-rows' } });
        }
        const outcome = await init({ cwd: io.cwd, dir, ...(flags.source === undefined ? {} : { source: flags.source }), force: flags.force === true, env: io.env, sampleRows });
        io.stdout(report(outcome, io.cwd));
        return 0;
      });
    });
}

/** What init decided, what to review, and the next command. */
function report(outcome: InitOutcome, cwd: string): string {
  const where = relative(cwd, outcome.dir) || '.';
  const next = where === '.' ? 'pdb build' : `cd ${where} && pdb build`;
  const files = outcome.files.map((f) => `  ${f}\n`).join('');
  switch (outcome.kind) {
    case 'starter':
      return `Wrote a starter project in ${where}:\n${files}\nFill in models/sources.yml and mapping.yml (each file says how), uncomment \`mapping:\` in project.yml, then:\n  ${next}\nOr let pdb write them from your events: pdb init ${where === '.' ? '' : `${where} `}--force --source <your events file>\n`;
    case 'inferred': {
      const { proposal } = outcome;
      const category = proposal.category;
      const review = [
        ...fieldsToReview(proposal),
        ...(category === undefined ? ['product category: not guessed; set product: category in project.yml to compare with published benchmarks'] : [`product category: ${category.value} is a guess (${category.evidence.join('; ')}); it picks the benchmarks the qa checks use: fix it in project.yml`]),
      ];
      const read = outcome.read === undefined ? [] : [`Read ${count(outcome.sampleRows, 'row')} of ${outcome.read.table}${outcome.read.totalRows === null ? '' : ` (of ${outcome.read.totalRows})`} with tables.get and tabledata.list: no query was run, nothing was billed.`];
      const nextSteps = outcome.read === undefined ? [`  ${next}`] : [`  ${next} --dry-run     # what the build would scan and cost; nothing is billed`, `  ${next}`];
      return [
        ...read,
        `Wrote a pdb project in ${where} for ${outcome.label} (${outcome.sampleRows} sampled rows):`,
        files,
        'Inference proposed this mapping (mapping.yml keeps the evidence beside each field):',
        proposalText(proposal),
        'Review:',
        ...review.map((r) => `  - ${r}`),
        '',
        'Next:',
        ...nextSteps,
        '',
      ].join('\n');
    }
  }
}
