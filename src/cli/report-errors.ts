import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import { formatError } from '../errors/format-error.js';
import { errorsOf, type PdbError, type PdbErrors } from '../errors/pdb-error.js';
import { fileOnDisk } from '../project/packages.js';
import type { CliIo } from './io.js';

/** Prints every diagnostic with a code frame from the user's file; never a stack trace. */
export function reportErrors(error: PdbError | PdbErrors, projectDir: string, io: CliIo): void {
  const errors = errorsOf(error);
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string): string | undefined => {
    if (!texts.has(file)) {
      let text: string | undefined;
      try {
        text = file.startsWith('--') ? undefined : readFileSync(fileOnDisk(projectDir, file), 'utf8');
      } catch {
        text = undefined;
      }
      texts.set(file, text);
    }
    return texts.get(file);
  };
  for (const e of errors) {
    const file = e.location?.file;
    io.stderr(`${formatError(e, file === undefined ? undefined : textOf(file))}\n`);
  }
  const summary = `${errors.length} error${errors.length === 1 ? '' : 's'}.`;
  io.stderr(`${io.interactive ? pc.red(summary) : summary}\n`);
}
