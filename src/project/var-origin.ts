import type { SourceLocation } from '../errors/pdb-error.js';

/** The vars a check reads: project.yml's (with the packages' defaults) and --vars, which win. */
export interface VarInputs {
  readonly projectVars: Readonly<Record<string, unknown>>;
  readonly cliVars: Readonly<Record<string, unknown>> | undefined;
  /** Where a var of project.yml (or of a package's defaults) is written. */
  readonly projectVarLocation: (name: string) => SourceLocation;
}

/** Each var's value as the models see it, and where to blame it: `--vars` or the line that sets it. */
export interface VarOrigin {
  readonly names: readonly string[];
  readonly fromCli: (name: string) => boolean;
  readonly value: (name: string) => unknown;
  readonly location: (name: string) => SourceLocation;
  /** The hint that says how to set the var to `example` (JSON), where it was set. */
  readonly fix: (name: string, example: string) => string;
}

export function varOrigin(input: VarInputs): VarOrigin {
  const { projectVars, cliVars } = input;
  const fromCli = (name: string): boolean => cliVars !== undefined && Object.hasOwn(cliVars, name);
  return {
    names: [...new Set([...Object.keys(projectVars), ...Object.keys(cliVars ?? {})])].sort(),
    fromCli,
    value: (name) => (fromCli(name) ? cliVars![name] : projectVars[name]),
    location: (name) => (fromCli(name) ? { file: '--vars' } : input.projectVarLocation(name)),
    fix: (name, example) => (fromCli(name) ? `Pass it as --vars '{"${name}": ${example}}'.` : `Write it as ${name}: ${example} under vars: in project.yml.`),
  };
}

/** A wrong value as an error message shows it: short, with its kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  if (value instanceof Date) return `the timestamp ${value.toISOString()}`;
  const text = JSON.stringify(value) ?? String(value);
  const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' && value !== null ? 'a mapping' : value === null ? 'null' : `the ${typeof value}`;
  return kind === 'null' ? 'null' : `${kind} ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}
