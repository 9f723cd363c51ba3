import { Command } from 'commander';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { compile } from '../api.js';
import { pdbRoot } from '../project/packages.js';
import { SECONDS_PLACEHOLDER, stampable, writeCompileStamp } from './compile-stamp.js';
import type { CliIo, CommandRunner } from './io.js';
import { projectOptions, withProjectFlags, withSelectionFlags, type CommonFlags } from './shared-options.js';
import { formatSeconds, noteDisabled, warnUnmatched } from './output.js';

/** `argv`: the command line as given, for the stamp that lets an unchanged compile be skipped (compile-stamp.ts). */
export function compileCommand(io: CliIo, run: CommandRunner, argv: readonly string[] = []): Command {
  const command = new Command('compile').description('render, check and format the selected models into target/compiled, and write target/manifest.json (no database needed)');
  withSelectionFlags(withProjectFlags(command));
  command.option('--no-validate', 'skip the offline check of BigQuery SQL with ZetaSQL');
  return command.action(async (flags: CommonFlags) => {
    await run(async () => {
      const startedAtMs = Date.now();
      const started = performance.now();
      const output: { stream: 'stdout' | 'stderr'; text: string }[] = [];
      const recording: CliIo = {
        ...io,
        stdout: (text) => (output.push({ stream: 'stdout', text }), io.stdout(text)),
        stderr: (text) => (output.push({ stream: 'stderr', text }), io.stderr(text)),
      };
      const options = projectOptions(flags, io);
      const outcome = await compile({ ...options, validate: (flags as { validate?: boolean }).validate !== false });
      warnUnmatched(outcome.unmatched, recording);
      noteDisabled(outcome.disabled, recording);
      const { target, config } = outcome.project;
      const count = outcome.models.length;
      const checked = outcome.validation === 'validated' ? ', checked with ZetaSQL' : '';
      const summary = (time: string): string => `Compiled ${count} model${count === 1 ? '' : 's'} for target ${target.name} (${target.type}${checked}) in ${time}: ${config.targetPath}/compiled/${target.name}/\n`;
      io.stdout(summary(formatSeconds(performance.now() - started)));
      output.push({ stream: 'stdout', text: summary(SECONDS_PLACEHOLDER) });
      if (typeof outcome.validation === 'object') io.stderr(`warning: BigQuery validation did not run: ${outcome.validation.unavailable}\n`);
      // Only a compile whose every input pdb can see again is stamped: not one whose validator
      // was missing (installing it changes the outcome) or that read another run's state.
      else if (stampable(argv)) {
        const dir = outcome.project.dir;
        const outside = (file: string | undefined): file is string => file !== undefined && (relative(dir, file).startsWith('..') || isAbsolute(relative(dir, file)));
        const mapping = outcome.project.mapping === undefined ? undefined : resolve(dir, outcome.project.mapping.file);
        const profiles = options.profilesDir === undefined ? undefined : join(options.profilesDir, 'profiles.yml');
        const folders = [...config.modelPaths, ...config.macroPaths, ...config.testPaths, ...config.pluginPaths].map((p) => resolve(dir, p));
        await writeCompileStamp({
          argv, cwd: io.cwd, env: io.env, projectDir: dir, targetPath: config.targetPath, targetName: target.name, pdbRoot: pdbRoot(),
          extraFiles: [profiles, mapping].filter(outside), extraFolders: folders.filter(outside), startedAtMs, output,
        }).catch(() => undefined);
      }
      return 0;
    });
  });
}
