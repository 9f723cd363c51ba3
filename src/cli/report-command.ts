import { Command } from 'commander';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { report } from '../api.js';
import type { CliIo, CommandRunner } from './io.js';
import { formatSeconds } from './output.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

/**
 * `pdb report`: target/report/index.html from the tables already built (no rebuild); `pdb docs`:
 * the same page, opened at its section of model and column descriptions and lineage.
 */
export function reportCommand(name: 'report' | 'docs', io: CliIo, run: CommandRunner): Command {
  const description = name === 'report'
    ? 'write the HTML report of the tables already built (no rebuild): target/report/index.html'
    : 'write the models\' descriptions, columns and lineage (the report\'s docs section) and print its address';
  const command = new Command(name).description(description);
  withProjectFlags(command);
  return command.action(async (flags: CommonFlags) => {
    await run(async () => {
      const started = performance.now();
      const outcome = await report({ ...projectOptions(flags, io), onLog: (line) => io.stdout(`${line}\n`) });
      if (outcome.result.status === 'error') {
        io.stderr(`${outcome.result.message ?? 'the report failed'}\n`);
        return 1;
      }
      const page = pathToFileURL(join(outcome.project.dir, outcome.project.config.targetPath, 'report', 'index.html')).href;
      io.stdout(`Report of ${outcome.built} built tables in ${formatSeconds(performance.now() - started)}: ${name === 'docs' ? `${page}#docs` : page}\n`);
      return 0;
    });
  });
}
