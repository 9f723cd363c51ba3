import nunjucks from 'nunjucks';
import type { Dialect } from '../adapters/dialect.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError, throwIfAny } from '../errors/pdb-error.js';
import type { LoadedProject, SourceTable } from '../project/types.js';
import { registerMacros } from './macros.js';
import { mappingView } from './mapping-view.js';
import { refToken } from './ref-token.js';
import { DEFAULT_LOOKBACK_DAYS, incrementalReplacedPlaceholder, incrementalSincePlaceholder, isPlaceholderColumnName } from '../compile/incremental-since.js';
import { parseStaticTemplate, type StaticPart } from './static-template.js';
import { targetView } from '../adapters/target-view.js';
import { RenderSession } from './render-session.js';
import { RENDER_TIME_LIMIT_MS, withRenderTimeLimit } from './render-time-limit.js';
import { templateErrorToPdbError } from './template-error.js';

export interface RenderedModel {
  /** SQL with ref tokens still in it (see ref-token.ts). */
  readonly sql: string;
  readonly refs: RenderSession['refs'];
  readonly sources: RenderSession['sources'];
  readonly config: Readonly<Record<string, unknown>>;
  readonly envRead: Readonly<Record<string, string | null>>;
  /** Fields the model `requires` that the mapping does not define: the model is disabled. */
  readonly missingRequired: readonly string[];
  /**
   * For a static template: its SQL with each ref()/source() as a placeholder `__pdb_tag_<i>__`,
   * and what each placeholder rendered to. Models of the same shape share one formatting.
   */
  readonly skeleton?: { readonly sql: string; readonly values: readonly string[] };
}

export interface TemplateEnvironmentOptions {
  readonly project: LoadedProject;
  readonly dialect: Dialect;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How long one model may take to render (default RENDER_TIME_LIMIT_MS). */
  readonly renderTimeLimitMs?: number;
}

/** Names pdb puts in every template; a macro may not take one of them. */
export const BUILTIN_NAMES = ['ref', 'source', 'source_is_sharded', 'incremental_since', 'incremental_replaced', 'var', 'env_var', 'config', 'target', 'mapping', 'this'] as const;

/**
 * One Nunjucks environment per compile of one target: pdb's functions, the project's macros with
 * per-dialect dispatch, and a render session that records what each render used. Rendering is
 * synchronous, so the session of the render under way is the only one there is.
 */
export class TemplateEnvironment {
  private readonly nunjucks: nunjucks.Environment;
  private session: RenderSession | undefined;
  private readonly macroNames: readonly string[];
  private readonly modelNames: ReadonlySet<string>;
  private readonly sourceRelations = new Map<string, { relation: string; envRead: Record<string, string | null> }>();
  private envCapture: Record<string, string | null> | undefined;

  constructor(private readonly options: TemplateEnvironmentOptions) {
    const { project, dialect } = options;
    this.modelNames = new Set(project.models.map((m) => m.name));
    this.nunjucks = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true, dev: true });
    const add = (name: string, value: unknown): void => {
      this.nunjucks.addGlobal(name, value);
    };
    add('ref', (name: unknown) => this.ref(name));
    add('source', (sourceName: unknown, table: unknown) => this.source(sourceName, table));
    add('var', (...args: unknown[]) => this.variable(args[0], args[1], args.length));
    add('env_var', (name: unknown, fallback?: unknown) => this.envVar(name, fallback));
    add('config', (kwargs: Record<string, unknown>) => this.config(kwargs));
    add('source_is_sharded', (sourceName: unknown, table: unknown) => this.sourceIsSharded(sourceName, table));
    add('incremental_since', (lookbackDays: unknown, newestColumn: unknown) => this.incrementalSince(lookbackDays, newestColumn));
    add('incremental_replaced', (column: unknown) => this.incrementalReplaced(column));
    add('target', targetView(project.target));
    add('this', { toString: () => refToken(this.current().file) });
    add('mapping', mappingView(project.mapping, (sql) => this.renderCapturingEnv(sql, project.mapping?.file ?? 'mapping'), () => this.session));
    const registered = registerMacros(this.nunjucks, project.macros, dialect.type, BUILTIN_NAMES);
    throwIfAny(registered.errors);
    this.macroNames = registered.names;
  }

  /** Renders one model file. Throws PdbError at the model's line on any template mistake. */
  render(file: string, text: string, modelName: string, requires: readonly string[] = []): RenderedModel {
    let session = new RenderSession(modelName, requires);
    this.session = session;
    try {
      const parts = parseStaticTemplate(text);
      const rendered = parts === undefined ? undefined : this.renderStatic(parts, session, file, text);
      if (rendered !== undefined) return rendered;
      if (parts !== undefined) this.session = session = new RenderSession(modelName, requires);
      const template = new nunjucks.Template(text, this.nunjucks, file, true);
      const limit = this.options.renderTimeLimitMs ?? RENDER_TIME_LIMIT_MS;
      const sql = withRenderTimeLimit(limit, () => new PdbError({
        code: 'E_TEMPLATE_TIME_LIMIT',
        message: `${file} took longer than ${limit / 1000} s to render, so rendering stopped here: is there a loop that never ends (e.g. one that appends to the list it loops over)?`,
        hint: 'Loop over a fixed list or range(n); build a new list instead of growing the one being looped over.',
      }), () => template.render({}));
      return { sql, refs: session.refs, sources: session.sources, config: session.config, envRead: session.envRead, missingRequired: [...new Set(session.missingRequired)].sort() };
    } catch (error) {
      if (error instanceof PdbError) throw error; // already located (the static fast path)
      throw templateErrorToPdbError(error, file, text, () => this.knownNames());
    } finally {
      this.session = undefined;
    }
  }

  /**
   * The static fast path: the same calls, in order, with no Nunjucks compile. Undefined when a
   * var() is not plain text, a number or a boolean, or fails: Nunjucks then renders the model
   * (and reports any mistake) as it always has.
   */
  private renderStatic(parts: readonly StaticPart[], session: RenderSession, file: string, text: string): RenderedModel | undefined {
    let sql = '';
    let skeleton = '';
    const values: string[] = [];
    const placeholder = (value: string): string => {
      skeleton += `__pdb_tag_${values.length}__`;
      values.push(value);
      return value;
    };
    let offset = 0;
    for (const part of parts) {
      sql += part.text;
      skeleton += part.text;
      offset += part.text.length;
      if (part.call === undefined) continue;
      try {
        switch (part.call.kind) {
          case 'ref':
            sql += placeholder(this.ref(part.call.name));
            break;
          case 'source':
            sql += placeholder(this.source(part.call.source, part.call.table));
            break;
          case 'var': {
            let value: unknown;
            try {
              value = this.variable(part.call.name, part.call.args[1], part.call.args.length);
            } catch {
              return undefined;
            }
            if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
            // Part of the skeleton's text, not a placeholder: a var may hold SQL that formats its own way.
            sql += String(value);
            skeleton += String(value);
            break;
          }
          case 'config':
            // The parsed call is shared by every model with the same tag: each gets its own copy.
            this.config(structuredClone(part.call.options) as Record<string, unknown>);
            break;
        }
      } catch (error) {
        if (!(error instanceof PdbError)) throw error;
        const before = text.slice(0, text.indexOf('{{', offset)).split('\n');
        throw new PdbError({ code: error.code, message: error.message, hint: error.hint, location: { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 4 } });
      }
      offset = text.indexOf('}}', offset) + 2;
    }
    return { sql, refs: session.refs, sources: session.sources, config: session.config, envRead: session.envRead, missingRequired: [], skeleton: { sql: skeleton, values } };
  }

  /** Renders a short templated string (a source location or a mapping expression) in this environment. */
  renderString(text: string, file: string): string {
    try {
      return this.nunjucks.renderString(text, {});
    } catch (error) {
      throw templateErrorToPdbError(error, file, text, () => this.knownNames());
    }
  }

  /** Renders a source's declared location and says which environment variables it read. */
  renderLocation(text: string, file: string): { text: string; envRead: Record<string, string | null> } {
    const { sql, envRead } = this.renderCapturingEnv(text, file);
    return { text: sql, envRead };
  }

  /** Renders a memoized expression and returns the environment variables it read with it. */
  private renderCapturingEnv(text: string, file: string): { sql: string; envRead: Record<string, string | null> } {
    const outer = this.envCapture;
    const envRead: Record<string, string | null> = {};
    this.envCapture = envRead;
    try {
      return { sql: this.renderString(text, file), envRead };
    } finally {
      this.envCapture = outer;
    }
  }

  private knownNames(): string[] {
    return [...BUILTIN_NAMES, ...this.macroNames];
  }

  private current(): RenderSession {
    if (this.session === undefined) {
      throw new PdbError({ code: 'E_TEMPLATE', message: 'ref(), this and config() can only be used in a model.', hint: 'Use them in a model file, not in a mapping expression or source location.' });
    }
    return this.session;
  }

  private ref(name: unknown): string {
    const session = this.current();
    if (typeof name !== 'string') throw usage("ref() takes a model name in quotes, e.g. ref('date_wise_dau').");
    if (!this.modelNames.has(name)) {
      throw new PdbError({
        code: 'E_REF_UNKNOWN',
        message: `ref('${name}') names no model.${didYouMean(name, this.modelNames)}`,
        hint: 'A model is named by its file name without .sql, in any folder under the model paths.',
      });
    }
    session.refs.push(name);
    return refToken(name);
  }

  private source(sourceName: unknown, table: unknown): string {
    if (typeof sourceName !== 'string' || typeof table !== 'string') {
      throw usage("source() takes a source and a table name in quotes, e.g. source('ga4', 'events').");
    }
    const declared = this.options.project.sources.find((s) => s.sourceName === sourceName && s.name === table);
    if (declared === undefined) {
      const all = this.options.project.sources.map((s) => `${s.sourceName}.${s.name}`);
      throw new PdbError({
        code: 'E_SOURCE_UNKNOWN',
        message: `source('${sourceName}', '${table}') is not declared.${didYouMean(`${sourceName}.${table}`, all).replace(/'([^'.]+)\.([^']+)'/, "source('$1', '$2')")}`,
        hint: 'Declare it under sources: in a YAML file in the model paths, with its location for each engine.',
      });
    }
    this.session?.sources.push({ sourceName, table });
    return this.sourceRelation(declared);
  }

  /** A date expression: the first date an incremental build of this model recomputes (see incremental-since.ts). */
  private incrementalSince(lookbackDays: unknown, newestColumn: unknown): string {
    const days = lookbackDays === undefined ? DEFAULT_LOOKBACK_DAYS : lookbackDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) {
      throw usage(`incremental_since() takes the days of late events to recompute as a whole number of 0 or more, e.g. incremental_since(3), not ${JSON.stringify(lookbackDays)}.`);
    }
    if (newestColumn !== undefined && (typeof newestColumn !== 'string' || !isPlaceholderColumnName(newestColumn))) {
      throw usage(`incremental_since()'s second argument names the date column to count back from, e.g. incremental_since(3, 'last_shard_date'), not ${JSON.stringify(newestColumn)}.`);
    }
    return incrementalSincePlaceholder(days, newestColumn);
  }

  /** A condition on a key column: whether an incremental build replaces the key's row (see incremental-since.ts). */
  private incrementalReplaced(column: unknown): string {
    if (typeof column !== 'string' || !isPlaceholderColumnName(column)) {
      throw usage(`incremental_replaced() takes the name of the model's key column, e.g. incremental_replaced('user_id'), not ${JSON.stringify(column)}.`);
    }
    return incrementalReplacedPlaceholder(column);
  }

  /** Whether the source is a wildcard table of daily shards (GA4's `events_*`) on this engine, so a model can prune shards. */
  private sourceIsSharded(sourceName: unknown, table: unknown): boolean {
    const declared = this.options.project.sources.find((s) => s.sourceName === sourceName && s.name === table);
    if (declared === undefined || !this.options.dialect.shardedSources || this.options.dialect.sourceLocation(declared) === undefined) return false;
    // The location as rendered: a var() in it (events_path) decides, not the default written there.
    return this.sourceRelation(declared).includes('*');
  }

  private sourceRelation(table: SourceTable): string {
    const key = `${table.sourceName}.${table.name}`;
    let entry = this.sourceRelations.get(key);
    if (entry === undefined) {
      const { dialect } = this.options;
      const location = dialect.sourceLocation(table);
      if (location === undefined) {
        throw new PdbError({
          code: 'E_SOURCE_NO_LOCATION',
          message: `source('${table.sourceName}', '${table.name}') declares no location for ${dialect.type} targets.`,
          hint: `Add a \`${dialect.type}:\` entry to the source table in ${table.location.file} (line ${table.location.line}).`,
        });
      }
      const rendered = this.renderCapturingEnv(location, table.location.file);
      entry = { relation: dialect.sourceRelation(table, rendered.sql), envRead: rendered.envRead };
      this.sourceRelations.set(key, entry);
    }
    if (this.session !== undefined) Object.assign(this.session.envRead, entry.envRead);
    return entry.relation;
  }

  private variable(name: unknown, fallback: unknown, argumentCount: number): unknown {
    if (typeof name !== 'string') throw usage("var() takes a variable name in quotes, e.g. var('start_date').");
    const vars = this.options.project.vars;
    if (Object.hasOwn(vars, name)) return vars[name];
    if (argumentCount >= 2) return fallback;
    throw new PdbError({
      code: 'E_VAR_UNDEFINED',
      message: `var('${name}') is not defined.${didYouMean(name, Object.keys(vars))}`,
      hint: `Define it under vars: in project.yml, pass --vars '{"${name}": ...}', or give a default: var('${name}', 'default').`,
    });
  }

  private envVar(name: unknown, fallback: unknown): string {
    if (typeof name !== 'string') throw usage("env_var() takes a variable name in quotes, e.g. env_var('GCP_PROJECT').");
    const value = this.options.env[name];
    if (this.session !== undefined) this.session.envRead[name] = value ?? null;
    if (this.envCapture !== undefined) this.envCapture[name] = value ?? null;
    if (value !== undefined) return value;
    if (fallback !== undefined) return String(fallback);
    throw new PdbError({
      code: 'E_ENV_VAR_UNDEFINED',
      message: `environment variable ${name} is not set.`,
      hint: `Set it (export ${name}=...), or give a default: env_var('${name}', 'default').`,
    });
  }

  private config(kwargs: Record<string, unknown> | undefined): string {
    const session = this.current();
    for (const [key, value] of Object.entries(kwargs ?? {})) {
      if (key === '__keywords') continue;
      // A macro's output (config(materialized=some_macro())) is a SafeString: keep its text.
      session.config[key] = value instanceof nunjucks.runtime.SafeString ? String(value).trim() : value;
      if (key === 'requires') for (const field of Array.isArray(value) ? value : [value]) session.requires.add(String(field));
    }
    return '';
  }
}

function usage(message: string): PdbError {
  return new PdbError({ code: 'E_TEMPLATE_USAGE', message, hint: 'See the README section on templating.' });
}
