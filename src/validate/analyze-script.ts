/**
 * A BigQuery script (an incremental model's build) checked by ZetaSQL one statement at a time.
 * ZetaSQL's parser splits the script, so a semicolon in a string or comment of the model's SQL
 * cannot cut a statement. Each statement is analyzed against the catalog as the script leaves it
 * at that point: a temp table created earlier is a table with the columns its query gave, and a
 * declared variable is a named constant of its type (BigQuery reads a variable by its bare name,
 * as ZetaSQL reads a constant). The analyzer has no scripting statements: a DECLARE or SET is
 * checked as its expression, whose type must be the type of the variables it sets.
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

/** The script's statements, as ZetaSQL's parser ends them. */
export async function splitScript(server: ZetaSqlServer, language: ZetaSqlLanguage, script: string): Promise<ScriptStatement[]> {
  const bytes = Buffer.from(script, 'utf8');
  const statements: ScriptStatement[] = [];
  let position = 0;
  let line = 1;
  while (bytes.subarray(position).toString('utf8').trim() !== '') {
    const response = (await server.call('Parse', {
      parseResumeLocation: { input: script, bytePosition: position, allowResume: true },
      options: scriptLanguage(language).languageOptions,
      allowScript: true,
    })) as { resumeBytePosition?: number };
    const next = response.resumeBytePosition ?? bytes.length;
    if (next <= position) throw new Error(`ZetaSQL's parser did not move past byte ${position} of the script`);
    const text = bytes.subarray(position, next).toString('utf8');
    const leading = /^\s*/.exec(text)?.[0] ?? '';
    statements.push({ sql: text.trim().replace(/;$/, '').trimEnd(), line: line + lineCount(leading) });
    line += lineCount(text);
    position = next;
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
const CREATE_TEMP_TABLE = /^create\s+(?:or\s+replace\s+)?temp(?:orary)?\s+table\s+([A-Za-z_]\w*)\s/i;

interface AnalyzeResponse {
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

/** A statement the analyzer refused: its message, at the statement's place in the script. */
class Refused extends Error {
  constructor(
    readonly details: string,
    readonly offset: { readonly line: number; readonly column: number } = { line: 0, column: 0 },
  ) {
    super(details);
  }
}

/**
 * Analyzes every statement of `script` in order, with `tables` (the sources, the upstream models and
 * the model's own table) in the catalog. Rejects only when the server fails, not for bad SQL.
 */
export async function analyzeScript(server: ZetaSqlServer, language: ZetaSqlLanguage, script: string, tables: readonly TableProto[]): Promise<ScriptAnalysis> {
  const options = scriptLanguage(language);
  const statements = await splitScript(server, language, script);
  const catalogTables = [...tables];
  const variables = new Map<string, TypeProto>();

  const analyze = async (sql: string): Promise<AnalyzeResponse> => {
    try {
      return (await server.call('Analyze', {
        options: analyzerOptions(options),
        // The constants' values are NULL: only their types matter to the analyzer.
        simpleCatalog: { ...simpleCatalog(options, catalogTables), constant: [...variables].map(([name, type]) => ({ namePath: [name], type, value: {} })) },
        sqlStatement: sql,
      })) as AnalyzeResponse;
    } catch (error) {
      // 14 (UNAVAILABLE) is the server gone, not the SQL.
      if (error instanceof GrpcStatusError && error.code !== 14) throw new Refused(error.details);
      throw error;
    }
  };
  /** The type of `expression`, a part of `statement`, as a one-column query gives it; its errors placed in the statement. */
  const expressionType = async (statement: string, expression: string): Promise<TypeProto> => {
    const at = statement.lastIndexOf(expression);
    const before = statement.slice(0, at);
    const query = `select (${expression})`;
    try {
      return columnsOf((await analyze(query)).resolvedStatement?.resolvedQueryStmtNode?.outputColumnList)[0]?.type ?? {};
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      // Positions in `select (` + expression: moved to where the expression is in the statement.
      const lastLine = before.split('\n').at(-1) ?? '';
      throw new Refused(error.details, { line: lineCount(before), column: lastLine.length - 'select ('.length });
    }
  };
  const sameType = (a: TypeProto, b: TypeProto): boolean => formatBigQueryType(a) === formatBigQueryType(b);

  for (const statement of statements) {
    try {
      const variable = variableStatement(statement.sql);
      if (variable?.kind === 'declare') {
        const parsed = parseBigQueryType(variable.type);
        if (!parsed.ok) throw new Refused(`DECLARE of ${variable.names.join(', ')}: ${parsed.message}`);
        if (variable.expression !== undefined) {
          const type = await expressionType(statement.sql, variable.expression);
          if (!sameType(type, parsed.type)) throw new Refused(`the default of ${variable.names.join(', ')} is ${formatBigQueryType(type)}, not ${formatBigQueryType(parsed.type)}`);
        }
        for (const name of variable.names) variables.set(name, parsed.type);
      } else if (variable?.kind === 'set') {
        const declared = variable.names.map((name) => variables.get(name));
        const undeclared = variable.names.find((_, i) => declared[i] === undefined);
        if (undeclared !== undefined) throw new Refused(`SET of ${undeclared}, which no DECLARE before it declares`);
        const type = await expressionType(statement.sql, variable.expression);
        const fields = variable.tuple ? (type.structType?.field ?? []).map((f) => f.fieldType ?? {}) : [type];
        if (fields.length !== variable.names.length || fields.some((t, i) => !sameType(t, declared[i]!))) {
          throw new Refused(`SET of ${variable.names.join(', ')} (${declared.map((t) => formatBigQueryType(t!)).join(', ')}) to a value of type ${formatBigQueryType(type)}`);
        }
      } else {
        const resolved = (await analyze(statement.sql)).resolvedStatement;
        const temp = CREATE_TEMP_TABLE.exec(statement.sql);
        const created = resolved?.resolvedCreateStatementNode?.resolvedCreateTableStmtBaseNode?.resolvedCreateTableAsSelectStmtNode;
        if (temp !== null && created !== undefined) catalogTables.push({ name: temp[1]!, column: columnsOf(created.outputColumnList) });
      }
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      const message = parseZetaSqlMessage(error.details);
      const problem: ScriptProblem = { statement, message: message.text };
      if (message.line === undefined || message.column === undefined) return { statements, problem };
      const line = statement.line + error.offset.line + message.line - 1;
      return { statements, problem: { ...problem, line, column: message.line === 1 ? message.column + error.offset.column : message.column } };
    }
  }
  return { statements };
}
