import { Command, CommanderError } from 'commander';
import { isPdbError } from '../errors/pdb-error.js';
import { PDB_VERSION } from '../version.js';
import { mark } from '../timings.js';
import { compileCommand } from './compile-command.js';
import { diffCommand } from './diff-command.js';
import { processIo, type CliIo } from './io.js';
import { executeCommand } from './execute-command.js';
import { inferCommand } from './infer-command.js';
import { initCommand } from './init-command.js';
import { insightsCommand } from './insights-command.js';
import { lsCommand } from './ls-command.js';
import { reportCommand } from './report-command.js';
import { sampleCommand } from './sample-command.js';
import { showCommand } from './show-command.js';
import { retryCommand } from './retry-command.js';
import { runsCommand } from './runs-command.js';
import { reportErrors } from './report-errors.js';
import { watchInterrupt, type Interruption } from './interrupt.js';

/** Exit codes: 0 success, 1 a model or test failed, 2 the project or the command line is wrong, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM, see interrupt.ts). */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Runs one pdb command and returns its exit code; never throws and never prints a stack trace for a user's mistake. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // Ctrl-C is watched before anything else happens, so no early moment of a command misses it.
  mark('start (Node and pdb loaded)');
  const interruption = watchInterrupt(io);
  try {
    return await runMain(argv, io, interruption);
  } finally {
    interruption.dispose();
  }
}

async function runMain(argv: readonly string[], io: CliIo, interruption: Interruption): Promise<number> {
  let exitCode: number = EXIT.ok;
  let projectDir = io.cwd;
  const run = async (action: () => Promise<number>): Promise<number> => {
    try {
      exitCode = await action();
    } catch (error) {
      exitCode = handleError(error, projectDir, io);
    }
    return exitCode;
  };

  const program = new Command('pdb')
    .description('Product Dashboard Builder: core product metrics from raw clickstream events')
    .version(PDB_VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true)
    .hook('preAction', (_program, command) => {
      const dir = command.opts<{ projectDir?: string }>().projectDir;
      if (dir !== undefined) projectDir = dir.startsWith('/') ? dir : `${io.cwd}/${dir}`;
    });
  const commands = [
    compileCommand(io, run, argv),
    executeCommand('run', io, run, interruption),
    executeCommand('test', io, run, interruption),
    executeCommand('build', io, run, interruption),
    showCommand(io, run),
    lsCommand(io, run),
    diffCommand(io, run),
    initCommand(io, run),
    inferCommand(io, run),
    insightsCommand(io, run),
    reportCommand('report', io, run),
    reportCommand('docs', io, run),
    sampleCommand(io, run),
    runsCommand(io, run),
    retryCommand(io, run, interruption),
  ];
  for (const command of commands) program.addCommand(command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));

  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    mark('command done');
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return done ? EXIT.ok : EXIT.usage;
    }
    return handleError(error, projectDir, io);
  }
  return exitCode;
}

function handleError(error: unknown, projectDir: string, io: CliIo): number {
  if (isPdbError(error)) {
    reportErrors(error, projectDir, io);
    return EXIT.usage;
  }
  // A bug in pdb, not a mistake of the user's: say so plainly; the stack only on request.
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`internal error: ${message}\nThis is a bug in pdb; please report it with the command you ran.${io.env.PDB_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' Set PDB_DEBUG=1 to see the stack trace.'}\n`);
  return EXIT.failed;
}
