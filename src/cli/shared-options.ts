import { Command, Option } from 'commander';
import { parse } from 'yaml';
import { PdbError } from '../errors/pdb-error.js';
import type { ProjectOptions } from '../api.js';
import type { CliIo } from './io.js';
import { resolve } from 'node:path';

export interface CommonFlags {
  readonly projectDir?: string;
  readonly profilesDir?: string;
  readonly target?: string;
  readonly vars?: string;
  readonly select?: string[];
  readonly exclude?: string[];
  readonly cache?: boolean;
  readonly state?: string;
}

/** Flags every project command takes, as dbt users expect them. */
export function withProjectFlags(command: Command): Command {
  return command
    .option('--project-dir <dir>', 'the project directory', '.')
    .option('--profiles-dir <dir>', 'where profiles.yml is (default: the project directory)')
    .option('-t, --target <name>', 'the target in profiles.yml to use')
    .option('--vars <yaml>', `project variables as YAML or JSON, e.g. '{"start_date": "2026-01-01"}'`);
}

export function withSelectionFlags(command: Command): Command {
  return command
    .addOption(new Option('-s, --select <selector...>', 'models to include (dbt selection syntax: name, tag:x, path:dir, +x, x+, @x)'))
    .addOption(new Option('--exclude <selector...>', 'models to leave out'))
    .option('--state <dir>', "a previous run's target/ folder, for state:modified and result:fail selectors")
    .option('--no-cache', 'do everything again: render, format, build and test without reusing earlier work');
}

export function projectOptions(flags: CommonFlags, io: CliIo): ProjectOptions {
  return {
    dir: resolve(io.cwd, flags.projectDir ?? '.'),
    env: io.env,
    ...(flags.profilesDir === undefined ? {} : { profilesDir: resolve(io.cwd, flags.profilesDir) }),
    ...(flags.target === undefined ? {} : { target: flags.target }),
    ...(flags.vars === undefined ? {} : { vars: parseVars(flags.vars) }),
    ...(flags.select === undefined ? {} : { select: flags.select }),
    ...(flags.exclude === undefined ? {} : { exclude: flags.exclude }),
    ...(flags.cache === false ? { cache: false } : {}),
    ...(flags.state === undefined ? {} : { state: resolve(io.cwd, flags.state) }),
  };
}

function parseVars(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new PdbError({
      code: 'E_USAGE',
      message: `--vars is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`,
      hint: `Quote the whole value for the shell: --vars '{"start_date": "2026-01-01"}'.`,
      location: { file: '--vars' },
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PdbError({ code: 'E_USAGE', message: '--vars must be a mapping of names to values.', hint: `Write --vars '{"name": "value"}'.`, location: { file: '--vars' } });
  }
  return value as Record<string, unknown>;
}
