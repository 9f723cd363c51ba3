/**
 * A BigQuery script (an incremental model's build) checked by ZetaSQL one statement at a time.
 * ZetaSQL's parser splits the script, so a semicolon in a string or comment of the model's SQL
 * cannot cut a statement. Each statement is analyzed against the catalog as the script leaves it
 * at that point: a temp table created earlier is a table with the columns its query gave, and a
 * declared variable is a named constant of its type (BigQuery reads a variable by its bare name,
 * as ZetaSQL reads a constant). The analyzer has no scripting statements: a DECLARE or SET is
 * checked as its expression, whose type must be the type of the variables it sets, and an
 * `IF <condition> THEN ... END IF` block as its condition (a BOOL), then its statements in order.
 */
import { formatBigQueryType, parseBigQueryType } from './bigquery-type.js';
import { GrpcStatusError } from './grpc-unary.js';
import { parseZetaSqlMessage } from './trace-error.js';
import { analyzerOptions, simpleCatalog, type ZetaSqlLanguage } from './zetasql-catalog.js';
import type { ColumnProto, TableProto, TypeProto } from './zetasql-protocol.js';
import type { ZetaSqlServer } from './zetasql-server.js';

export interface ScriptStatement {
  /** The statement without its semicolon. */
  readonly sql: string;
  /** The script's line (1-based) where the statement starts. */
  readonly line: number;
}

export interface ScriptProblem {
  readonly statement: ScriptStatement;
  /** ZetaSQL's message without its position. */
  readonly message: string;
  /** In the script (1-based), when ZetaSQL gave a position. */
  readonly line?: number;
  readonly column?: number;
}

export interface ScriptAnalysis {
  readonly statements: readonly ScriptStatement[];
  /** The first statement that fails (the ones after it are not analyzed: they may depend on it). */
  readonly problem?: ScriptProblem;
}

/** Every statement kind: the analyzer is asked for DML, DDL and transactions, not only queries. */
const scriptLanguage = (language: ZetaSqlLanguage): ZetaSqlLanguage => ({ languageOptions: { ...language.languageOptions, supportedStatementKinds: [] } });

/** Where the statement starting at byte `position` of the script ends (after its semicolon), by ZetaSQL's parser. */
async function statementEnd(server: ZetaSqlServer, language: ZetaSqlLanguage, script: string, position: number): Promise<number> {
  const response = (await server.call('Parse', {
    parseResumeLocation: { input: script, bytePosition: position, allowResume: true },
    options: scriptLanguage(language).languageOptions,
    allowScript: true,
  })) as { resumeBytePosition?: number };
  const end = response.resumeBytePosition ?? Buffer.byteLength(script, 'utf8');
  if (end <= position) throw new Error(`ZetaSQL's parser did not move past byte ${position} of the script`);
  return end;
}

/** The statement between two byte positions of the script, and the line it starts on. */
function statementAt(bytes: Buffer, position: number, end: number): ScriptStatement {
  const text = bytes.subarray(position, end).toString('utf8');
  const leading = /^\s*/.exec(text)?.[0] ?? '';
  return { sql: text.trim().replace(/;$/, '').trimEnd(), line: lineCount(bytes.subarray(0, position).toString('utf8')) + lineCount(leading) + 1 };
}

const rest = (bytes: Buffer, position: number): string => bytes.subarray(position).toString('utf8');

/** The script's statements, as ZetaSQL's parser ends them. */
export async function splitScript(server: ZetaSqlServer, language: ZetaSqlLanguage, script: string): Promise<ScriptStatement[]> {
  const bytes = Buffer.from(script, 'utf8');
  const statements: ScriptStatement[] = [];
  for (let position = 0; rest(bytes, position).trim() !== ''; ) {
    const end = await statementEnd(server, language, script, position);
    statements.push(statementAt(bytes, position, end));
    position = end;
  }
  return statements;
}

const lineCount = (text: string): number => text.split('\n').length - 1;

const DECLARE = /^declare\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+([\s\S]+?)(?:\s+default\s+([\s\S]+))?$/i;
const SET = /^set\s+(?:\(([^)]*)\)|([A-Za-z_]\w*))\s*=\s*([\s\S]+)$/i;

/** A script's DECLARE or SET (the statements ZetaSQL's analyzer has not): its variables, lowercase, and expression. */
export type VariableStatement =
  | { readonly kind: 'declare'; readonly names: readonly string[]; readonly type: string; readonly expression?: string }
  | { readonly kind: 'set'; readonly names: readonly string[]; readonly tuple: boolean; readonly expression: string };

export function variableStatement(sql: string): VariableStatement | undefined {
  const names = (list: string): string[] => list.split(',').map((n) => n.trim().toLowerCase());
  const declare = DECLARE.exec(sql);
  if (declare !== null) return { kind: 'declare', names: names(declare[1]!), type: declare[2]!, ...(declare[3] === undefined ? {} : { expression: declare[3] }) };
  const set = SET.exec(sql);
  if (set !== null) return { kind: 'set', names: names(set[1] ?? set[2]!), tuple: set[1] !== undefined, expression: set[3]! };
  return undefined;
}

/** An IF block's head (pdb's scripts put no THEN inside the condition) and its end. */
const IF_THEN = /^\s*if\s+([\s\S]+?)\s+then\b/i;
const END_IF = /^\s*end\s+if\s*;/i;

const CREATE_TEMP_TABLE = /^create\s+(?:or\s+replace\s+)?temp(?:orary)?\s+table\s+([A-Za-z_]\w*)\s/i;

interface AnalyzeResponse {
  /** Where the next statement starts, when the statement was analyzed in place in the script. */
  readonly resumeBytePosition?: number;
  readonly resolvedStatement?: {
    readonly resolvedQueryStmtNode?: { readonly outputColumnList?: readonly OutputColumn[] };
    readonly resolvedCreateStatementNode?: {
      readonly resolvedCreateTableStmtBaseNode?: { readonly resolvedCreateTableAsSelectStmtNode?: { readonly outputColumnList?: readonly OutputColumn[] } };
    };
  };
}
interface OutputColumn {
  readonly name?: string;
  readonly column?: { readonly type?: TypeProto };
}

const columnsOf = (list: readonly OutputColumn[] | undefined): ColumnProto[] => (list ?? []).map((c) => ({ name: c.name ?? '', type: c.column?.type ?? {} }));

/** A statement the analyzer refused, or a variable of the wrong type: ZetaSQL's message, or pdb's. */
class Refused extends Error {
  constructor(
    readonly details: string,
    /** Where the expression ZetaSQL was given starts in its statement; none when it was given the script. */
    readonly offset?: { readonly line: number; readonly column: number },
  ) {
    super(details);
  }
}

/**
 * Analyzes every statement of `script` in order, with `tables` (the sources, the upstream models and
 * the model's own table) in the catalog. Rejects only when the server fails, not for bad SQL.
 */
export async function analyzeScript(server: ZetaSqlServer, language: ZetaSqlLanguage, script: string, tables: readonly TableProto[]): Promise<ScriptAnalysis> {
  const analyzer = new ScriptAnalyzer(server, scriptLanguage(language), tables);
  try {
    return await analyzer.run(script);
  } finally {
    await analyzer.close();
  }
}

const sameType = (a: TypeProto, b: TypeProto): boolean => formatBigQueryType(a) === formatBigQueryType(b);

/** The catalog as the script has changed it so far, and the calls that analyze its statements. */
class ScriptAnalyzer {
  private readonly tables: TableProto[];
  private readonly variables = new Map<string, TypeProto>();
  // The catalog is registered with the server, and again only when a statement changed it: building
  // its built-in functions is most of an analysis (about 6 of 8 ms).
  private registered: string | undefined;
  private changed = true;

  constructor(
    private readonly server: ZetaSqlServer,
    private readonly language: ZetaSqlLanguage,
    tables: readonly TableProto[],
  ) {
    this.tables = [...tables];
  }

  async run(script: string): Promise<ScriptAnalysis> {
    const bytes = Buffer.from(script, 'utf8');
    const statements: ScriptStatement[] = [];
    for (let position = 0; rest(bytes, position).trim() !== ''; ) {
      let statement: ScriptStatement | undefined;
      try {
        let end: number;
        const ifThen = IF_THEN.exec(rest(bytes, position));
        const endIf = END_IF.exec(rest(bytes, position));
        if (ifThen !== null) {
          end = position + Buffer.byteLength(ifThen[0], 'utf8');
          statement = statementAt(bytes, position, end);
          const type = await this.expressionType(statement.sql, ifThen[1]!);
          if (formatBigQueryType(type) !== 'BOOL') throw new Refused(`the condition of IF is ${formatBigQueryType(type)}, not BOOL`);
        } else if (endIf !== null) {
          end = position + Buffer.byteLength(endIf[0], 'utf8');
          statement = statementAt(bytes, position, end);
        } else if (/^\s*(?:declare|set)\b/i.test(rest(bytes, position))) {
          end = await statementEnd(this.server, this.language, script, position);
          statement = statementAt(bytes, position, end);
          await this.checkVariables(statement.sql);
        } else {
          // Analyzed in place: the same call finds where the statement ends.
          const response = await this.analyze({ parseResumeLocation: { input: script, bytePosition: position, allowResume: true } });
          end = response.resumeBytePosition ?? bytes.length;
          statement = statementAt(bytes, position, end);
          this.addTempTable(statement.sql, response);
        }
        statements.push(statement);
        position = end;
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        statement ??= statementAt(bytes, position, await statementEnd(this.server, this.language, script, position).catch(() => bytes.length));
        statements.push(statement);
        return { statements, problem: problemAt(statement, error) };
      }
    }
    return { statements };
  }

  async close(): Promise<void> {
    if (this.registered !== undefined) await this.server.call('UnregisterCatalog', { registeredId: this.registered }).catch(() => undefined);
    this.registered = undefined;
  }

  /** A `create temp table` becomes a table of the catalog, with the columns its query gives. */
  private addTempTable(sql: string, response: AnalyzeResponse): void {
    const temp = CREATE_TEMP_TABLE.exec(sql);
    const created = response.resolvedStatement?.resolvedCreateStatementNode?.resolvedCreateTableStmtBaseNode?.resolvedCreateTableAsSelectStmtNode;
    if (temp === null || created === undefined) return;
    const table = { name: temp[1]!, column: columnsOf(created.outputColumnList) };
    const same = this.tables.findIndex((t) => t.name.toLowerCase() === table.name.toLowerCase());
    if (same === -1) this.tables.push(table);
    else this.tables[same] = table;
    this.changed = true;
  }

  /** A DECLARE's default and a SET's value have the types of the variables they set. */
  private async checkVariables(sql: string): Promise<void> {
    const variable = variableStatement(sql);
    if (variable === undefined) throw new Refused(`a scripting statement the check does not know: ${sql.split('\n', 1)[0]}`);
    if (variable.kind === 'declare') {
      const parsed = parseBigQueryType(variable.type);
      if (!parsed.ok) throw new Refused(`DECLARE of ${variable.names.join(', ')}: ${parsed.message}`);
      if (variable.expression !== undefined) {
        const type = await this.expressionType(sql, variable.expression);
        if (!sameType(type, parsed.type)) throw new Refused(`the default of ${variable.names.join(', ')} is ${formatBigQueryType(type)}, not ${formatBigQueryType(parsed.type)}`);
      }
      for (const name of variable.names) this.variables.set(name, parsed.type);
      this.changed = true;
      return;
    }
    const declared = variable.names.map((name) => this.variables.get(name));
    const undeclared = variable.names.find((_, i) => declared[i] === undefined);
    if (undeclared !== undefined) throw new Refused(`SET of ${undeclared}, which no DECLARE before it declares`);
    const type = await this.expressionType(sql, variable.expression);
    const fields = variable.tuple ? (type.structType?.field ?? []).map((f) => f.fieldType ?? {}) : [type];
    if (fields.length !== variable.names.length || fields.some((t, i) => !sameType(t, declared[i]!))) {
      throw new Refused(`SET of ${variable.names.join(', ')} (${declared.map((t) => formatBigQueryType(t!)).join(', ')}) to a value of type ${formatBigQueryType(type)}`);
    }
  }

  /** The type of `expression`, a part of `statement`, as a one-column query gives it; its errors placed in the statement. */
  private async expressionType(statement: string, expression: string): Promise<TypeProto> {
    const before = statement.slice(0, statement.lastIndexOf(expression));
    try {
      return columnsOf((await this.analyze({ sqlStatement: `select (${expression})` })).resolvedStatement?.resolvedQueryStmtNode?.outputColumnList)[0]?.type ?? {};
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      // Positions in `select (` + expression: moved to where the expression is in the statement.
      const lastLine = before.split('\n').at(-1) ?? '';
      throw new Refused(error.details, { line: lineCount(before), column: lastLine.length - 'select ('.length });
    }
  }

  private async analyze(target: { sqlStatement: string } | { parseResumeLocation: object }): Promise<AnalyzeResponse> {
    const registeredCatalogId = await this.catalogId();
    try {
      return (await this.server.call('Analyze', { options: analyzerOptions(this.language), registeredCatalogId, ...target })) as AnalyzeResponse;
    } catch (error) {
      // 14 (UNAVAILABLE) is the server gone, not the SQL.
      if (error instanceof GrpcStatusError && error.code !== 14) throw new Refused(error.details);
      throw error;
    }
  }

  private async catalogId(): Promise<string> {
    if (this.registered !== undefined && !this.changed) return this.registered;
    await this.close();
    // The constants' values are NULL: only their types matter to the analyzer.
    const constant = [...this.variables].map(([name, type]) => ({ namePath: [name], type, value: {} }));
    const response = (await this.server.call('RegisterCatalog', { simpleCatalog: { ...simpleCatalog(this.language, this.tables), constant } })) as { registeredId?: string };
    this.registered = String(response.registeredId ?? '');
    this.changed = false;
    return this.registered;
  }
}

/** The problem, at its line and column in the script when ZetaSQL gave them. */
function problemAt(statement: ScriptStatement, error: Refused): ScriptProblem {
  const message = parseZetaSqlMessage(error.details);
  const problem: ScriptProblem = { statement, message: message.text };
  if (message.line === undefined || message.column === undefined) return problem;
  // A statement analyzed in place has positions in the script; an expression, in its statement.
  if (error.offset === undefined) return { ...problem, line: message.line, column: message.column };
  return { ...problem, line: statement.line + error.offset.line + message.line - 1, column: message.line === 1 ? message.column + error.offset.column : message.column };
}
