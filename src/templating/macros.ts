import nunjucks from 'nunjucks';
import { PdbError } from '../errors/pdb-error.js';
import type { MacroFile, TargetType } from '../project/types.js';

/** Nunjucks' own method (missing from its typings): runs a template's top level and returns its macros, synchronously. */
interface ExportingTemplate {
  getExported(context: object, frame: null, callback: (error: Error | null, result: Record<string, unknown>) => void): void;
}

const DIALECT_PREFIX = /^(duckdb|bigquery|default)__(.+)$/;

export interface RegisteredMacros {
  readonly names: readonly string[];
  readonly errors: readonly PdbError[];
}

/**
 * Makes every macro of every macro file a global, so models use them without an import.
 * A macro written as `duckdb__x`, `bigquery__x` and/or `default__x` is also callable as `x`,
 * which picks the variant of the target's engine: models never branch on the engine.
 */
export function registerMacros(env: nunjucks.Environment, files: readonly MacroFile[], dialect: TargetType, reserved: readonly string[]): RegisteredMacros {
  const errors: PdbError[] = [];
  const definedIn = new Map<string, string>();
  const macros = new Map<string, unknown>();
  // Which package defined each macro ('' for the project): a project's macro replaces a package's.
  const origin = new Map<string, string>();

  for (const file of files) {
    let exported: Record<string, unknown> = {};
    try {
      const template = new nunjucks.Template(file.text, env, file.path, true) as unknown as ExportingTemplate;
      template.getExported({}, null, (error, result) => {
        if (error) throw error;
        exported = result;
      });
    } catch (error) {
      errors.push(macroFileError(error, file));
      continue;
    }
    for (const [name, macro] of Object.entries(exported)) {
      const line = lineOfMacro(file.text, name);
      const previous = definedIn.get(name);
      const overrides = previous !== undefined && file.package === undefined && origin.get(name) !== '';
      if (previous !== undefined && !overrides) {
        errors.push(new PdbError({ code: 'E_MACRO_DUPLICATE', message: `macro '${name}' is also defined in ${previous}.`, hint: 'Rename or remove one of them: every macro name is global.', location: { file: file.path, line, column: 1 } }));
        continue;
      }
      if (reserved.includes(name)) {
        errors.push(new PdbError({ code: 'E_MACRO_RESERVED', message: `macro '${name}' has the name of a pdb built-in.`, hint: `Rename it: ${reserved.join(', ')} are reserved.`, location: { file: file.path, line, column: 1 } }));
        continue;
      }
      definedIn.set(name, `${file.path}:${line}`);
      origin.set(name, file.package ?? '');
      macros.set(name, macro);
    }
  }

  const dispatched = new Map<string, Map<string, unknown>>();
  for (const [name, macro] of macros) {
    const match = DIALECT_PREFIX.exec(name);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const variants = dispatched.get(match[2]) ?? new Map<string, unknown>();
    variants.set(match[1], macro);
    dispatched.set(match[2], variants);
  }
  for (const [base, variants] of dispatched) {
    if (macros.has(base)) {
      // A project's plain macro replaces a package's per-dialect variants of the same name.
      if (origin.get(base) === '' && [...variants.keys()].every((d) => origin.get(`${d}__${base}`) !== '')) continue;
      errors.push(new PdbError({ code: 'E_MACRO_DUPLICATE', message: `macro '${base}' is defined both plainly (${definedIn.get(base)}) and per dialect.`, hint: `Keep either '${base}' or its '<dialect>__${base}' variants.`, location: locationOf(definedIn.get(base)) }));
      continue;
    }
    const chosen = variants.get(dialect) ?? variants.get('default');
    macros.set(base, chosen ?? missingVariant(base, dialect, [...variants.keys()]));
  }

  for (const [name, macro] of macros) env.addGlobal(name, macro);
  return { names: [...macros.keys()].sort(), errors };
}

function missingVariant(base: string, dialect: TargetType, have: readonly string[]): () => never {
  return () => {
    throw new PdbError({
      code: 'E_MACRO_NO_VARIANT',
      message: `macro '${base}' has no variant for ${dialect} (it has ${have.map((d) => `${d}__${base}`).join(', ')}).`,
      hint: `Define ${dialect}__${base} or default__${base} in the macro paths.`,
    });
  };
}

function lineOfMacro(text: string, name: string): number {
  const index = text.search(new RegExp(`\\{%-?\\s*macro\\s+${name}\\b`));
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

function locationOf(where: string | undefined): { file: string; line: number } | undefined {
  if (where === undefined) return undefined;
  const at = where.lastIndexOf(':');
  return { file: where.slice(0, at), line: Number(where.slice(at + 1)) };
}

function macroFileError(error: unknown, file: MacroFile): PdbError {
  const e = (error ?? {}) as { message?: string; lineno?: number; colno?: number };
  const detail = (e.message ?? String(error)).split('\n').pop()?.trim() ?? '';
  return new PdbError({
    code: 'E_TEMPLATE_SYNTAX',
    message: `template syntax error in macro file: ${detail}.`,
    hint: 'A macro file holds {% macro name(args) %} ... {% endmacro %} blocks.',
    location: { file: file.path, line: e.lineno ?? 1, column: e.colno ?? 1 },
  });
}
