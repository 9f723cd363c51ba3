import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Adapter } from '../adapters/adapter.js';
import { closest } from '../errors/did-you-mean.js';
import { PdbError, throwIfAny, type SourceLocation } from '../errors/pdb-error.js';
import { PROJECT_FILE } from '../project/project-file.js';
import { CANONICAL_COLUMNS, type CanonicalColumn, type LoadedProject } from '../project/types.js';
import { locate, parseYamlFile } from '../project/yaml-file.js';
import { TemplateEnvironment } from '../templating/template-environment.js';

/** Names listed in a hint at most. */
const LISTED = 20;

/**
 * Binds each mapped column's expression against the mapped source before a build (on engines
 * where that is free: a LIMIT 0 query), so that a column or struct key the source lacks is an
 * error at its line in the mapping, naming it and the closest that exists, instead of a failed
 * one-pass model and every model after it skipped. One query when all is well; one per column
 * to find the culprits otherwise. A source that cannot be read at all is left to the build.
 */
export async function checkMappingColumns(project: LoadedProject, adapter: Adapter, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const mapping = project.mapping;
  if (mapping === undefined) return;
  const columns = CANONICAL_COLUMNS.filter((c) => mapping.columns[c] !== undefined);
  const sourceName = `${mapping.source.sourceName}.${mapping.source.table}`;
  let source: string;
  let expressions: Map<CanonicalColumn, string>;
  try {
    const templates = new TemplateEnvironment({ project, dialect: adapter.dialect, env });
    const render = (text: string): string => templates.render(mapping.file, text, '__mapping_check').sql.trim();
    source = render(`{{ source(${JSON.stringify(mapping.source.sourceName)}, ${JSON.stringify(mapping.source.table)}) }}`);
    expressions = new Map(columns.map((c) => [c, render(`{{ mapping.${c} }}`)]));
  } catch {
    return; // a template mistake in the mapping is reported where models use it
  }
  const quote = adapter.dialect.quoteIdentifier;
  const bind = (selected: string) => adapter.query(`select ${selected} from ${source} limit 0`);
  const all = await bind([...expressions].map(([c, sql]) => `${sql} as ${quote(c)}`).join(', '));
  if (all.ok || all.error.interrupted === true) return;
  if (!(await bind('*')).ok) return;

  const sourceColumns = await columnNames(adapter, `select * from ${source}`);
  const errors: PdbError[] = [];
  for (const [column, sql] of expressions) {
    const outcome = await bind(`${sql} as ${quote(column)}`);
    if (outcome.ok) continue;
    const location = await columnLocation(project, column);
    const engineMessage = outcome.error.message.split('\n')[0] ?? outcome.error.message;
    const key = /Could not find key "([^"]+)" in struct/.exec(engineMessage)?.[1];
    const missing = /Referenced (?:column|table) "([^"]+)" not found/.exec(engineMessage)?.[1];
    if (key !== undefined) {
      const parent = new RegExp(`((?:[A-Za-z_]\\w*\\.)*[A-Za-z_]\\w*)\\.${escapeRegExp(key)}\\b`, 'i').exec(sql)?.[1];
      const keys = parent === undefined ? [] : await columnNames(adapter, `select unnest(${parent}) from ${source}`);
      errors.push(missingError(column, location, parent === undefined ? key : `${parent}.${key}`, `${parent ?? 'the struct'} in source ${sourceName} has no key '${key}'`, key, keys, `The keys of ${parent ?? 'the struct'}`));
    } else if (missing !== undefined) {
      errors.push(missingError(column, location, missing, `source ${sourceName} has no column '${missing}'`, missing, sourceColumns, `The columns of ${sourceName}`));
    } else {
      errors.push(
        new PdbError({
          code: 'E_MAPPING_EXPRESSION',
          message: `columns.${column} cannot be read from source ${sourceName}: ${engineMessage}`,
          location,
          hint: `Fix the expression: it is read as \`select <expression> from ${sourceName}\`.`,
        }),
      );
    }
  }
  throwIfAny(errors);
}

function missingError(column: string, location: SourceLocation, reads: string, problem: string, name: string, existing: readonly string[], listName: string): PdbError {
  const match = closest(name, existing);
  const listed = existing.length === 0 ? '' : `${listName}: ${existing.slice(0, LISTED).join(', ')}${existing.length > LISTED ? ', ...' : ''}. `;
  return new PdbError({
    code: 'E_MAPPING_SOURCE_FIELD',
    message: `columns.${column} reads ${reads}, but ${problem}.${match === undefined ? '' : ` Did you mean '${match}'?`}`,
    location,
    hint: `${listed}Map ${column} to one that exists, or leave it out if the data lacks it.`,
  });
}

/** The column names a query gives (no rows read), or none when it fails. */
async function columnNames(adapter: Adapter, sql: string): Promise<string[]> {
  const described = await adapter.query(`${sql} limit 0`);
  return described.ok ? [...described.value.columns] : [];
}

/** The line of `columns: <column>` in the mapping file (or in project.yml's inline `mapping:`). */
async function columnLocation(project: LoadedProject, column: string): Promise<SourceLocation> {
  const file = project.mapping?.file ?? PROJECT_FILE;
  const text = await readFile(join(project.dir, file), 'utf8').catch(() => undefined);
  if (text === undefined) return { file };
  const parsed = parseYamlFile(file, text);
  return locate(parsed.file, [...(file === PROJECT_FILE ? ['mapping'] : []), 'columns', column]);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
