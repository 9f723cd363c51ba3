/**
 * pdb's pipeline, from the front door: load the project, render every model, build the DAG,
 * select, compile for the target's engine, write the artifacts. Each stage takes plain data and
 * returns new plain data (see DESIGN.md); the CLI commands are thin wrappers around these.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { capabilitiesOf } from './adapters/capabilities.js';
import { dialectFor } from './adapters/dialects.js';
import { buildManifest, type ManifestContext } from './artifacts/manifest.js';
import { compiledPath, writeCompileArtifacts } from './artifacts/write-compile-artifacts.js';
import { CompileCache } from './compile/compile-cache.js';
import { renderSourceLocations, type RenderLocation } from './compile/source-locations.js';
import type { TemplateEnvironment } from './templating/template-environment.js';
import { compileContextHash } from './compile/compile-context.js';
import { compileModels, refResolver } from './compile/compile-models.js';
import { compileSingularTests } from './compile/compile-singular-tests.js';
import type { CompiledModel } from './compile/compiled-model.js';
import { graphNodes } from './compile/graph-nodes.js';
import { renderModels, type ModelRender } from './compile/render-models.js';
import { errorsOf, isPdbError, PdbError, PdbErrors, throwIfAny } from './errors/pdb-error.js';
import { didYouMean } from './errors/did-you-mean.js';
import type { Adapter, QueryColumns, QueryResult } from './adapters/adapter.js';
import { grainOf, showOrder, showSql } from './show/show-query.js';
import { unknownModel } from './show/unknown-model.js';
import type { Dialect } from './adapters/dialect.js';
import type { CompiledTest } from './compile/compiled-test.js';
import type { NodeResult } from './runner/run-results.js';
import { openAdapter } from './adapters/open-adapter.js';
import { writeRunResults } from './artifacts/run-results-file.js';
import { compileTests, type PluginTestKind } from './compile/compile-tests.js';
import { hasTemplatedArgs } from './compile/test-args.js';
import { buildPlan, type PlanCommand, type PlanOptions } from './plan/build-plan.js';
import { DATA_QUALITY_STEP_ID, isHookStep, modelStepId, type EstimateGate } from './plan/plan-step.js';
import { missingUpstream, upstreamOutside } from './plan/missing-upstream.js';
import { runPlan, type RunOptions } from './runner/run-plan.js';
import type { RunResults } from './runner/run-results.js';
import { loadBuiltinPlugin } from './plugins/load-builtin.js';
import { loadPlugins, type LoadedPlugin } from './plugins/load-plugins.js';
import { plannedHooks, runHooks, runHookStep, type HookInputs } from './plugins/run-hooks.js';
import type { HookReuse } from './plugins/hook-reuse.js';
import type { CostEstimate } from './cost/cost-estimate.js';
import { DryRunEstimator, estimateBuild } from './cost/estimate-build.js';
import { writeCostFile } from './cost/write-cost-file.js';
import { dataQualityStopMessage, dataQualitySummary, writeDataQualityFile } from './data-quality/data-quality-output.js';
import { dataQualityGate, ONE_PASS_MODEL } from './data-quality/run-data-quality.js';
import { buildGraph, type ModelGraph } from './graph/model-graph.js';
import { requireSelected } from './graph/require-selected.js';
import { select } from './graph/select.js';
import { loadProject } from './project/load-project.js';
import { PROFILES_FILE } from './project/profiles.js';
import type { LoadedProject, ModelId, Target } from './project/types.js';
import { PDB_VERSION } from './version.js';
import { mark } from './timings.js';
import { randomUUID } from 'node:crypto';
import { readSelectionState } from './artifacts/read-state.js';
import { stableJson } from './artifacts/stable-json.js';
import { dataQualityConfig } from './data-quality/thresholds.js';
import { compareSides } from './diff/compare-sides.js';
import type { DiffReport } from './diff/diff-markdown.js';
import { reachBase, withDatabaseFile } from './adapters/other-target.js';
import { diffData } from './diff/data-diff.js';
import { costDiff, readStateCost, type CostDiff } from './diff/cost-changes.js';
import { emptySide, sideFromCompile, withBuiltColumns, type DiffSide } from './diff/diff-side.js';
import { checkOutBase } from './diff/git-base.js';
import { sideFromState } from './diff/state-side.js';
import { openStateStore, stateTargetKey } from './state/open-state-store.js';
import { planReuse } from './state/plan-reuse.js';
import { knowledgeBase } from './state/knowledge-base.js';
import { runRecord } from './state/record-run.js';
import { runIdentity } from './state/run-identity.js';
import { builtinTestKindsNotEnabled } from './plugins/builtin-test-kinds.js';
import { FileDigests } from './state/source-fingerprint.js';
import { rebuiltInFull } from './state/changed-shards.js';
import type { HistoryEntry, HistoryQuery, RunSummary } from './state/state-types.js';
import type { StateStore } from './state/state-store.js';

export interface ProjectOptions {
  /** Project directory (absolute, or relative to the current directory). */
  readonly dir: string;
  readonly target?: string;
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly profilesDir?: string;
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reuse renders and formatting from the previous compile (default true). */
  readonly cache?: boolean;
  /** Check BigQuery SQL offline with ZetaSQL (default true; BigQuery targets only). */
  readonly validate?: boolean;
  /** The target/ folder of a previous run, for `state:` and `result:` selectors. */
  readonly state?: string;
}

export interface CompileOutcome {
  readonly project: LoadedProject;
  readonly graph: ModelGraph;
  /** Selected models in build order. */
  readonly models: readonly CompiledModel[];
  /** Selector items that matched no model, for a warning. */
  readonly unmatched: readonly string[];
  readonly disabled: SelectedModels['disabled'];
  readonly filesWritten: number;
  /** BigQuery targets: whether ZetaSQL checked the SQL, or why it could not. */
  readonly validation: 'validated' | 'not-applicable' | { readonly unavailable: string };
}

export interface SelectedModels {
  readonly project: LoadedProject;
  readonly graph: ModelGraph;
  readonly renders: ReadonlyMap<ModelId, ModelRender>;
  /** In build order. */
  readonly selected: readonly ModelId[];
  readonly unmatched: readonly string[];
  /** Models disabled because their data lacks a mapped field they require, and why. */
  readonly disabled: readonly { readonly name: string; readonly reason: string }[];
  readonly cache: CompileCache;
  /** The command's one template environment, made on first use (an unchanged build needs none). */
  readonly templates: () => Promise<TemplateEnvironment>;
}

/** Loads, renders every model, builds the DAG and applies the selection: what `pdb ls` shows. */
export async function selectModels(options: ProjectOptions): Promise<SelectedModels> {
  const env = options.env ?? process.env;
  const project = await loadProject({ dir: options.dir, env, target: options.target, vars: options.vars, profilesDir: options.profilesDir, cache: options.cache !== false });
  mark('load project');
  const cacheFile = join(project.dir, project.config.targetPath, 'cache', `compile-${project.target.name}.json`);
  const cache = options.cache === false ? CompileCache.disabled() : await CompileCache.load(cacheFile, compileContextHash(project, PDB_VERSION));

  const templates = lazyTemplates(project, dialectFor(project.target.type), env);
  const { renders, errors } = await renderModels(project, templates, env, cache);
  mark('render models');
  throwIfAny(errors);
  const nodes = graphNodes(renders);
  throwIfAny(nodes.errors);
  const graph = buildGraph(nodes.nodes);
  const state = options.state === undefined ? undefined : await readSelectionState(options.state, options.state, new Map([...renders].map(([id, r]) => [id, { rawChecksum: r.rawChecksum, config: r.config }])));
  const { ids, unmatched } = select(graph, { select: options.select ?? [], exclude: options.exclude ?? [] }, state);
  const disabled = [...renders.values()].flatMap((r) => (r.disabledReason === undefined ? [] : [{ name: r.model.name, reason: r.disabledReason }]));
  return { project, graph, renders, selected: ids, unmatched, disabled, cache, templates };
}

/** A template environment made (and Nunjucks loaded) on the first call only. */
function lazyTemplates(project: LoadedProject, dialect: Dialect, env: Readonly<Record<string, string | undefined>>): () => Promise<TemplateEnvironment> {
  let made: Promise<TemplateEnvironment> | undefined;
  return () => (made ??= import('./templating/template-environment.js').then(({ TemplateEnvironment }) => new TemplateEnvironment({ project, dialect, env })));
}

/** Whether the command line narrowed the models with --select or --exclude. */
export const isSelecting = (options: ProjectOptions): boolean => (options.select ?? []).length > 0 || (options.exclude ?? []).length > 0;

/** Selected models, compiled (no database, no network) and written to target/. */
export async function compile(options: ProjectOptions): Promise<CompileOutcome> {
  const selection = await selectModels(options);
  requireSelected({ ...selection, selecting: isSelecting(options) });
  const { project, graph, renders } = selection;
  const { models, written } = await compileAndWrite(selection, selection.selected, options);
  // What a build would refuse is found here too: unknown test kinds, test arguments, plugin config.
  await testsOfRun('build', selection, models, selection.selected, dialectFor(project.target.type), await loadPlugins(project), options.env ?? process.env);
  await selection.cache.save();
  let validation: CompileOutcome['validation'] = 'not-applicable';
  if (capabilitiesOf(project.target).offlineValidator === 'zetasql' && options.validate !== false) {
    // Upstream models outside the selection give the selected ones their input schemas.
    const upstream = await compileModels(project, renders, upstreamOutside(graph, selection.selected), dialectFor(project.target.type), selection.cache);
    const result = await validateBigQuery(project, [...upstream, ...models].sort((a, b) => graph.order.indexOf(a.id) - graph.order.indexOf(b.id)), await selection.templates(), selection.cache);
    throwIfAny(result.errors);
    validation = result.status === 'validated' ? 'validated' : { unavailable: result.reason ?? 'ZetaSQL is not installed' };
  }
  return { project, graph, models, unmatched: selection.unmatched, disabled: selection.disabled, filesWritten: written, validation };
}

/** ZetaSQL's analysis of BigQuery models against the sources' declared schemas, in build order. */
async function validateBigQuery(project: LoadedProject, models: readonly CompiledModel[], templates: TemplateEnvironment, cache: CompileCache) {
  const { validateBigQueryModels } = await import('./validate/validate-bigquery.js');
  return validateBigQueryModels({
    models,
    sources: project.sources,
    sourceTableName: (s) => templates.renderString(s.bigquery?.table ?? '', s.location.file),
    rawSqlOf: (path) => project.models.find((m) => m.path === path)?.rawSql ?? '',
    compiledPathOf: (m) => compiledPath(project.config.targetPath, project.target.name, m.path),
    cacheFile: cache.fileBeside(`zetasql-${project.target.name}.json`),
  });
}

export interface ExecuteOptions extends ProjectOptions {
  readonly threads?: number;
  readonly failFast?: boolean;
  readonly fullRefresh?: boolean;
  readonly signal?: AbortSignal;
  readonly onStart?: RunOptions['onStart'];
  readonly onResult?: RunOptions['onResult'];
  /** Lines plugins log during their hooks, and the data-quality summary. */
  readonly onLog?: (line: string) => void;
  /** Estimate the build's cost with the engine's dry run and stop there (BigQuery). */
  readonly dryRun?: boolean;
  /** Refuse to start when the dry-run total exceeds this many bytes (BigQuery). */
  readonly maxBytes?: number;
  /** USD per TiB processed, for the estimate (default BigQuery on-demand). */
  readonly pricePerTiB?: number;
  /** The dry-run estimate as soon as it is made: before a budget can refuse the build, so the refusal's reasons can be shown. */
  readonly onEstimate?: (estimate: CostEstimate) => void | Promise<void>;
  /** Build even when a data-quality check fails at error level (the failures are still reported). */
  readonly ignoreDataQuality?: boolean;
}

export interface ExecuteOutcome {
  readonly project: LoadedProject;
  readonly unmatched: readonly string[];
  /** Upstream models the selection needed that did not exist yet, built first. */
  readonly addedUpstream: readonly ModelId[];
  readonly disabled: SelectedModels['disabled'];
  readonly run: RunResults;
  /** The dry-run estimate, when one was asked for (--dry-run or --max-bytes). */
  readonly estimate?: CostEstimate;
}

/** `pdb run`, `pdb test` and `pdb build`: compile, plan, and run the plan on the target's engine. */
export async function execute(command: PlanCommand, options: ExecuteOptions): Promise<ExecuteOutcome> {
  const startedAt = new Date().toISOString();
  const runId = randomUUID();
  const selection = await selectModels(options);
    mark('select models');
  requireSelected({ ...selection, selecting: isSelecting(options) });
  const { project, graph, renders } = selection;
  const dialect = dialectFor(project.target.type);
  const plugins = await loadPlugins(project);
  mark('load plugins');
  const adapter = await openAdapter(project.target, project.dir, options.env ?? process.env, project.keyfileOrigin);
  mark('open adapter');
  let store: StateStore | undefined;
  try {
    const upstream = command === 'test' ? [] : await compileModels(project, renders, upstreamOutside(graph, selection.selected), dialect, selection.cache);
    const addedUpstream = await missingUpstream(upstream, adapter);
    mark('upstream');
    const ids = graph.order.filter((id) => selection.selected.includes(id) || addedUpstream.includes(id));
    const { models, renderLocation } = await compileAndWrite(selection, ids, options, runId);
    mark('compile and write');
    const tests = await testsOfRun(command, selection, models, ids, dialect, plugins, options.env ?? process.env);
    await selection.cache.save();
    mark('tests of run');
    const compiledPathOf = (path: string): string => compiledPath(project.config.targetPath, project.target.name, path);
    const estimating = estimateOfRun(command, project, models, adapter, options);
    if (options.dryRun === true && estimating !== undefined) {
      // The estimate is all this run does: no state is read or written.
      const plan = buildPlan(command, models, tests, graph, { estimate: { gate: estimating.gate, only: true } });
      const { estimate, refusal } = await runPlan(plan, adapter, { threads: 1, failFast: false, fullRefresh: options.fullRefresh ?? false, compiledPathOf, ...estimating.runOptions, ...(options.signal === undefined ? {} : { signal: options.signal }) });
      if (refusal !== undefined) throw refusal;
      return { project, unmatched: selection.unmatched, addedUpstream, disabled: selection.disabled, run: { results: [], seconds: 0, cancelled: false }, ...(estimate === undefined ? {} : { estimate }) };
    }
    const env = options.env ?? process.env;
    store = openStateStore(project, env);
    // One open of the store for the reads before the run and the writes after it (released
    // while models build, so that other runs can use the store meanwhile).
    store.hold();
    // Source files unchanged since the last run (size, modification time) are not read again.
    const files = options.cache === false ? FileDigests.none() : await FileDigests.load(join(project.dir, project.config.targetPath, 'cache', 'file-digests.json'));
    const identity = await runIdentity(command, project, models, tests, adapter, renderLocation, files);
    await files.save();
    mark('run identity');
    const resolver = refResolver(project, renders, dialect);
    const reuse = await planReuse({
      models, tests, store, targetKey: stateTargetKey(project), adapter, sources: identity.sources,
      relationOf: (name) => (renders.has(name as ModelId) ? resolver.relationOf(name as ModelId) : undefined),
      reuse: options.cache !== false && options.fullRefresh !== true,
    });
    // Models whose result stands from an earlier run read nothing; the others may read the mapped source.
    // Incremental models whose older daily shards changed are rebuilt in full (--full-refresh does every one anyway).
    const rebuilt = options.fullRefresh === true ? new Map<string, string>() : rebuiltInFull(models.filter((m) => !reuse.reused.has(modelStepId(m.name))), reuse.built, identity.sourceParts);
    if (command !== 'test') await checkMappingOfRun(project, models.filter((m) => !reuse.reused.has(modelStepId(m.name))), adapter, env);
    mark('plan reuse');

    // The one pass is gated by the data-quality checks, unless its result stands from an earlier run.
    const dataQuality = command === 'test' || reuse.reused.has(modelStepId(ONE_PASS_MODEL)) ? undefined : await dataQualityOfRun(project, models, adapter, dialect, options);
    const checksReused = command === 'test' ? [] : await reusedDataQuality(store, project, reuse.builtBy.get(modelStepId(ONE_PASS_MODEL)));
    const plan = buildPlan(command, models, tests, graph, {
      hooks: plannedHooks(plugins, command),
      ...(dataQuality === undefined ? {} : { dataQuality }),
      // A budget: every query of the build waits for the estimate to fit it.
      ...(estimating === undefined ? {} : { estimate: { gate: estimating.gate, only: false } }),
    });
    // The hooks use the store (knowledge base, hook reuse): released only while other steps run.
    if (plan.some((step) => !isHookStep(step) && !reuse.reused.has(step.id))) await store.release();
    mark('data quality + plan');
    const heldStore = store;
    // target/data_quality.json is written as soon as the checks are judged: the afterRun hooks read it.
    let dataQualityWritten: Promise<unknown> = Promise.resolve();
    const dataQualityFile = async (): Promise<void> => {
      const failed = await dataQualityWritten;
      if (failed !== undefined) throw failed;
    };
    /** What every hook of the run is given, made when the first hook runs. */
    let hookInputs: Promise<HookInputs> | undefined;
    const inputsOfHooks = (): Promise<HookInputs> => (hookInputs ??= (async () => {
      heldStore.hold();
      const hookReuse: HookReuse = {
        store: heldStore, targetKey: stateTargetKey(project), runId, reuse: options.cache !== false && options.fullRefresh !== true,
        modelFingerprints: new Map(models.map((m) => [m.name, reuse.fingerprints.get(modelStepId(m.name))])),
        shared: { feedback: [...(await heldStore.feedback(project.config.name))] },
      };
      return { project, adapter, dialect, command, models, log: options.onLog ?? (() => undefined), env, knowledge: knowledgeBase(heldStore, project.config.name, runId), reuse: hookReuse };
    })());
    let run = await runPlan(plan, adapter, {
      reused: reuse.reused,
      threads: options.threads ?? capabilitiesOf(project.target).defaultThreads,
      failFast: options.failFast ?? false,
      fullRefresh: options.fullRefresh ?? false,
      rebuiltInFull: rebuilt,
      compiledPathOf,
      ...estimating?.runOptions,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onStart === undefined ? {} : { onStart: options.onStart }),
      ...(options.onResult === undefined ? {} : { onResult: options.onResult }),
      onDataQuality: (report) => {
        for (const line of dataQualitySummary(report)) options.onLog?.(line);
        dataQualityWritten = writeDataQualityFile(project, report).then(() => undefined, (error: unknown) => error);
      },
      runHook: async (step, resultsSoFar) => {
        await dataQualityFile();
        // Hooks see the run's models and tests (with the checks that stand from an earlier run), not each other.
        return runHookStep(plugins, await inputsOfHooks(), step, withReusedChecks(resultsSoFar.filter((r) => r.kind !== 'hook'), checksReused));
      },
    });
    // Over budget: refused before any query ran, and recorded nowhere (the estimate is in cost.json).
    if (run.refusal !== undefined) throw run.refusal;
    await dataQualityFile();
    if (run.stoppedByDataQuality === true) for (const line of dataQualityStopMessage(run)) options.onLog?.(line);
    if (checksReused.length > 0) {
      options.onLog?.(`Data quality: the source is unchanged; its ${checksReused.length} checks stand from the run that built ${ONE_PASS_MODEL} (${project.config.targetPath}/data_quality.json).`);
      run = { ...run, results: withReusedChecks(run.results, checksReused) };
    }
    mark('run plan');
    store.hold();
    // Ctrl-C after the last step still makes the run a cancelled one.
    const all: RunResults = { ...run, cancelled: run.cancelled || options.signal?.aborted === true };
    await writeRunResults(project.dir, project.config.targetPath, command, project.target.name, all, { invocationId: runId, generatedAt: new Date().toISOString() });
    mark('run results');
    await store.recordRun(runRecord({
      runId, runHash: identity.runHash, project: project.config.name, command, select: options.select ?? [], exclude: options.exclude ?? [], vars: options.vars ?? {},
      target: stateTargetKey(project), startedAt, pdbVersion: PDB_VERSION, fingerprints: reuse.fingerprints,
      sourceParts: Object.fromEntries([...identity.sourceParts].map(([source, parts]) => [source, Object.fromEntries(parts)])),
    }, all));
    mark('record run');
    return { project, unmatched: selection.unmatched, addedUpstream, disabled: selection.disabled, run: all, ...(run.estimate === undefined ? {} : { estimate: run.estimate }) };
  } finally {
    await store?.release();
    mark('close store');
    await adapter.close();
    mark('close adapter');
  }
}

/** The checks that stand from an earlier run, where a build that scans puts them: between staging the one pass and publishing it. */
function withReusedChecks(results: readonly NodeResult[], checks: readonly NodeResult[]): readonly NodeResult[] {
  if (checks.length === 0) return results;
  const model = results.findIndex((r) => r.id === modelStepId(ONE_PASS_MODEL));
  const at = model < 0 ? results.length : model;
  return [...results.slice(0, at), ...checks, ...results.slice(at)];
}

/**
 * The data-quality checks' results of the run that built the one-pass table, when this run
 * reuses that table: its source is unchanged, so its checks' figures stand (marked reused).
 */
async function reusedDataQuality(store: StateStore, project: LoadedProject, builtBy: string | undefined): Promise<NodeResult[]> {
  if (builtBy === undefined) return [];
  const built = await store.run(project.config.name, builtBy);
  const prefix = `test.${DATA_QUALITY_STEP_ID}.`;
  return (built?.steps ?? []).filter((s) => s.stepId.startsWith(prefix)).map((s) => ({
    id: s.stepId, kind: 'test', name: s.name, status: s.status as NodeResult['status'], seconds: 0, reused: true, ...(s.message === undefined ? {} : { message: s.message }),
  }));
}

/**
 * The data tests of a run: generic and singular, for its models. A build runs a test across
 * models only when all of them are in it ("buildable" tests, as in dbt): the others may not exist
 * yet; `pdb test` runs them against what is there. A test that reads a model disabled for
 * missing data is left out with it.
 */
async function testsOfRun(
  command: PlanCommand,
  selection: SelectedModels,
  models: readonly CompiledModel[],
  ids: readonly ModelId[],
  dialect: Dialect,
  plugins: readonly LoadedPlugin[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<CompiledTest[]> {
  const { project, renders } = selection;
  const resolver = refResolver(project, renders, dialect);
  // Tests' arguments may use var(): rendered in the models' template environment, made only when needed.
  const templated = models.some((m) => [...m.tests, ...m.columns.flatMap((c) => c.tests)].some((t) => hasTemplatedArgs(t.args)));
  const templates = templated ? await selection.templates() : undefined;
  const render = templates === undefined ? undefined : (text: string) => templates.renderString(text, 'test arguments');
  const compile = (notEnabled?: ReadonlyMap<string, string>) => compileTests(models, (name) => (renders.has(name as ModelId) ? resolver.relationOf(name as ModelId) : undefined), dialect, pluginTestKinds(plugins, project), notEnabled, render);
  let generic = compile();
  // An unknown test kind may be a built-in plugin's that the project does not enable: say which.
  if (generic.errors.some((e) => e.code === 'E_TEST_UNKNOWN')) generic = compile(await builtinTestKindsNotEnabled(new Set(plugins.map((p) => p.name))));
  const singular = await compileSingularTests(project, selection.templates, resolver, new Set(ids), selection.cache, env);
  throwIfAny([...generic.errors, ...singular.errors]);
  const inRun = new Set(ids);
  const enabled = new Set([...renders.values()].filter((r) => r.config.enabled).map((r) => r.model.id));
  return [...generic.tests, ...singular.tests].filter((t) => t.dependsOn.every((id) => enabled.has(id)) && (command === 'test' || t.dependsOn.every((id) => inRun.has(id))));
}

/** The dry-run estimate of a run: the plan's gate, and how the runner dry-runs a model and shows the estimate. */
interface RunEstimate {
  readonly gate: EstimateGate;
  readonly runOptions: Pick<RunOptions, 'dryRun' | 'onEstimate'>;
}

/**
 * With --dry-run or a budget (--max-bytes, or max_build_bytes in the BigQuery profile): the
 * engine's estimate of the build as steps of the plan, written to target/cost.json; over budget,
 * the build is refused. Undefined when neither is asked for; an error when the engine has no dry run.
 */
function estimateOfRun(command: PlanCommand, project: LoadedProject, models: readonly CompiledModel[], adapter: Adapter, options: ExecuteOptions): RunEstimate | undefined {
  const profileBudget = capabilitiesOf(project.target).buildBudgetBytes;
  const maxBytes = options.maxBytes ?? (command === 'test' ? undefined : profileBudget);
  if (options.dryRun !== true && maxBytes === undefined) return undefined;
  const estimator = new DryRunEstimator(models, adapter, {
    fullRefresh: options.fullRefresh ?? false,
    ...(options.pricePerTiB === undefined ? {} : { pricePerTiB: options.pricePerTiB }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const origin = options.maxBytes !== undefined ? '--max-bytes' : `profiles.yml (max_build_bytes of target '${project.target.name}')`;
  return {
    gate: { pricePerTiB: estimator.pricePerTiB, ...(maxBytes === undefined ? {} : { budget: { maxBytes, origin } }) },
    runOptions: {
      dryRun: (model) => estimator.estimate(model),
      onEstimate: async (estimate) => {
        await writeCostFile(project.dir, project.config.targetPath, project.target.name, estimate, maxBytes);
        await options.onEstimate?.(estimate);
      },
    },
  };
}

/**
 * Before a run that reads the mapped source, on an engine where binding a query is free: each
 * mapped expression is checked against the source, so a column or key it lacks is an error at
 * the mapping's line before anything runs.
 */
async function checkMappingOfRun(project: LoadedProject, models: readonly CompiledModel[], adapter: Adapter, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const mapped = project.mapping === undefined ? undefined : `${project.mapping.source.sourceName}.${project.mapping.source.table}`;
  if (mapped === undefined || !capabilitiesOf(project.target).freeBind || !models.some((m) => m.dependsOn.sources.includes(mapped))) return;
  const { checkMappingColumns } = await import('./validate/check-mapping-columns.js');
  await checkMappingColumns(project, adapter, env);
}

/**
 * The data-quality gate of a run: when the one-pass model is built from the mapped source, it is
 * staged, checked, and swapped in only if no check fails at error level (unless
 * --ignore-data-quality). Undefined when the run does not build it or the checks are off.
 */
async function dataQualityOfRun(project: LoadedProject, models: readonly CompiledModel[], adapter: Adapter, dialect: Dialect, options: ExecuteOptions): Promise<PlanOptions['dataQuality']> {
  const mapped = project.mapping === undefined ? undefined : `${project.mapping.source.sourceName}.${project.mapping.source.table}`;
  const model = models.find((m) => m.name === ONE_PASS_MODEL && mapped !== undefined && m.dependsOn.sources.includes(mapped) && (m.config.materialized === 'table' || m.config.materialized === 'incremental'));
  if (model === undefined) return undefined;
  const gate = await dataQualityGate(project, dialect, adapter.stagedRelation(model), { env: options.env ?? process.env, stopOnFailure: options.ignoreDataQuality !== true });
  return gate === undefined ? undefined : { model: model.id, gate };
}

export interface InsightsOptions extends ProjectOptions {
  /** The insights plugin's lines (top insights, what was skipped). */
  readonly onLog?: (line: string) => void;
}

/**
 * `pdb insights`: the insights plugin (as project.yml configures it, or built in) on the tables
 * already built, with no rebuild. Models that are disabled or not built are left out, and the
 * plugin says which analyses it skipped for lack of them.
 */
export async function insights(options: InsightsOptions): Promise<{ project: LoadedProject; result: NodeResult; built: number }> {
  return afterRunOnBuiltTables('insights', options);
}

/**
 * `pdb report` (and `pdb docs`): the report plugin on the tables already built, with no rebuild:
 * target/report/index.html from them and the artifacts of the last run.
 */
export async function report(options: InsightsOptions): Promise<{ project: LoadedProject; result: NodeResult; built: number }> {
  return afterRunOnBuiltTables('report', options);
}

/** A plugin's afterRun hook (as project.yml configures it, or built in) on the enabled models already built. */
async function afterRunOnBuiltTables(pluginName: 'insights' | 'report', options: InsightsOptions): Promise<{ project: LoadedProject; result: NodeResult; built: number }> {
  const selection = await selectModels({ ...options, select: [], exclude: [] });
  const { project, renders, graph } = selection;
  const dialect = dialectFor(project.target.type);
  const plugin = (await loadPlugins(project)).find((p) => p.name === pluginName) ?? (await loadBuiltinPlugin(pluginName));
  const enabled = graph.order.filter((id) => renders.get(id)?.config.enabled === true);
  const models = (await compileModels(project, renders, enabled, dialect, selection.cache)).filter((m) => m.config.materialized !== 'ephemeral');
  const adapter = await openAdapter(project.target, project.dir, options.env ?? process.env, project.keyfileOrigin);
  try {
    const built: CompiledModel[] = [];
    for (const m of models) if (await adapter.relationExists(m)) built.push(m);
    if (built.length === 0) {
      throw new PdbError({ code: 'E_NOT_BUILT', message: `no model of this project is built in target '${project.target.name}' yet.`, hint: `Run \`pdb build\` first; \`pdb ${pluginName}\` reads the tables it builds.`, location: { file: 'profiles.yml' } });
    }
    const knowledge = knowledgeBase(openStateStore(project, options.env ?? process.env), project.config.name, randomUUID());
    const [result] = await runHooks([plugin], { project, adapter, dialect, models: built, log: options.onLog ?? (() => undefined), env: options.env ?? process.env, knowledge });
    return { project, result: result!, built: built.length };
  } finally {
    await adapter.close();
  }
}

/** `pdb insights feedback`: what a person knows of a finding (by its id in the latest run, or its key). */
export async function insightsFeedback(options: ProjectOptions & { readonly finding: string; readonly verdict: 'confirmed' | 'dismissed'; readonly note?: string }): Promise<{ finding: HistoryEntry }> {
  const project = await loadProject({ dir: options.dir, env: options.env ?? process.env, target: options.target, vars: options.vars, profilesDir: options.profilesDir });
  const store = openStateStore(project, options.env ?? process.env);
  const finding = await store.findFinding(project.config.name, options.finding);
  if (finding === undefined) {
    throw new PdbError({ code: 'E_FINDING_UNKNOWN', message: `no finding '${options.finding}' in this project's runs.`, hint: 'Use an id of the latest insights (F3 in target/insights/insights.md) or a finding key from `pdb insights history`.', location: { file: 'ID' } });
  }
  await store.addFeedback(project.config.name, { key: finding.key, verdict: options.verdict, note: options.note ?? null, at: new Date().toISOString() });
  return { finding };
}

/** `pdb insights history`: what was found before about a metric, segment or kind, newest first. */
export async function insightsHistory(options: ProjectOptions & Omit<HistoryQuery, 'project'>): Promise<HistoryEntry[]> {
  const project = await loadProject({ dir: options.dir, env: options.env ?? process.env, target: options.target, vars: options.vars, profilesDir: options.profilesDir });
  const { metric, segment, kind, text, limit } = options;
  return openStateStore(project, options.env ?? process.env).history({ project: project.config.name, ...(metric === undefined ? {} : { metric }), ...(segment === undefined ? {} : { segment }), ...(kind === undefined ? {} : { kind }), ...(text === undefined ? {} : { text }), ...(limit === undefined ? {} : { limit }) });
}

/** `pdb runs`: the project's recent runs, newest first. */
export async function listRuns(options: ProjectOptions & { readonly limit: number }): Promise<{ project: LoadedProject; runs: RunSummary[] }> {
  const project = await loadProject({ dir: options.dir, env: options.env ?? process.env, target: options.target, vars: options.vars, profilesDir: options.profilesDir });
  return { project, runs: await openStateStore(project, options.env ?? process.env).runs(project.config.name, options.limit) };
}

/** `pdb retry`: the last run's command, target and vars, and the models whose steps failed or were skipped. */
export async function retryTarget(options: ProjectOptions): Promise<{ runId: string; command: PlanCommand; target: string; vars: Readonly<Record<string, unknown>>; models: string[] }> {
  const project = await loadProject({ dir: options.dir, env: options.env ?? process.env, target: options.target, vars: options.vars, profilesDir: options.profilesDir });
  const last = await openStateStore(project, options.env ?? process.env).run(project.config.name);
  if (last === undefined || !['run', 'test', 'build'].includes(last.command)) {
    throw new PdbError({ code: 'E_NO_RUN', message: 'there is no earlier run of this project to retry.', hint: 'Run `pdb build` first; `pdb retry` then reruns what failed or was skipped.', location: { file: 'project.yml' } });
  }
  const again = new Set(['error', 'fail', 'skipped', 'cancelled']);
  const models = new Set<string>();
  for (const step of last.steps) {
    if (!again.has(step.status)) continue;
    if (step.kind === 'model') models.add(step.name);
    else if (step.kind === 'test' && step.model !== undefined) models.add(step.model);
  }
  return { runId: last.runId, command: last.command as PlanCommand, target: last.target.slice(last.target.indexOf('/') + 1), vars: last.vars, models: [...models].sort() };
}

export interface ShowOptions extends ProjectOptions {
  /** The model's exact name (not a selector or a glob). */
  readonly model: string;
  readonly limit: number;
  /** Receives the rows a page at a time, in key order: a large -n is never held whole in memory. */
  readonly onPage: (rows: QueryResult['rows'], columns: QueryColumns) => Promise<void> | void;
}

/**
 * `pdb show`: the first rows of a built model (or of its compiled query when it is not built),
 * ordered by the model's grain and then its other columns, so the same rows come in the same order.
 */
export async function show(options: ShowOptions): Promise<{ project: LoadedProject; columns: QueryColumns; rowCount: number; orderBy: readonly string[] }> {
  const selection = await selectModels({ ...options, select: [], exclude: [] });
  const { project, renders } = selection;
  const render = [...renders.values()].find((r) => r.model.name === options.model);
  if (render === undefined) {
    throw unknownModel(options.model, [...renders.values()].map((r) => r.model.name));
  }
  if (!render.config.enabled) {
    const reason = render.disabledReason ?? 'its configuration says enabled: false';
    throw new PdbError({ code: 'E_MODEL_DISABLED', message: `the model '${options.model}' is disabled: ${reason}.`, hint: render.disabledReason === undefined ? 'Enable it in its config (enabled: true) to build and show it.' : 'Map the field it needs in mapping.yml, then build it.', location: { file: render.model.path } });
  }
  const dialect = dialectFor(project.target.type);
  const [model] = await compileModels(project, renders, [render.model.id], dialect, selection.cache);
  const adapter = await openAdapter(project.target, project.dir, options.env ?? process.env, project.keyfileOrigin);
  const failed = (error: { message: string }): PdbError =>
    new PdbError({ code: 'E_QUERY', message: `${options.model}: ${error.message}`, hint: `Build it and what it reads first: pdb build --select +${options.model}`, location: { file: model!.path } });
  try {
    const from = model!.config.materialized !== 'ephemeral' && (await adapter.relationExists(model!)) ? model!.relation : `(\n${model!.sql}\n) as query`;
    const shape = await adapter.query(showSql(from, [], 0, dialect));
    if (!shape.ok) throw failed(shape.error);
    const orderBy = showOrder(model!, shape.value);
    const columns: QueryColumns = { columns: shape.value.columns, columnTypes: shape.value.columnTypes };
    const outcome = await adapter.queryPages(showSql(from, orderBy, options.limit, dialect), (rows) => options.onPage(rows, columns));
    if (!outcome.ok) throw failed(outcome.error);
    return { project, columns, rowCount: outcome.value.rowCount, orderBy };
  } finally {
    await adapter.close();
  }
}

/** Compiles the models and writes them and the manifest; the caller saves the compile cache when it is done with it. */
async function compileAndWrite(selection: SelectedModels, ids: readonly ModelId[], options: ProjectOptions, invocationId: string = randomUUID()): Promise<{ models: CompiledModel[]; written: number; renderLocation: RenderLocation }> {
  const { project, renders, cache } = selection;
  const models = await compileModels(project, renders, ids, dialectFor(project.target.type), cache);
  const { targetPath } = project.config;
  const renderLocation = await renderSourceLocations(project, selection.templates, cache, options.env ?? process.env);
  const manifest = buildManifest(project, renders, models, (m) => compiledPath(targetPath, project.target.name, m.path), await manifestContext(project, renderLocation, invocationId));
  const full = (options.select ?? []).length === 0 && (options.exclude ?? []).length === 0;
  const { written } = await writeCompileArtifacts({ projectDir: project.dir, targetPath, targetName: project.target.name, compiled: models, manifest, full, previousChecksum: (path) => cache.writtenChecksum(path) });
  for (const m of models) cache.storeWritten(compiledPath(targetPath, project.target.name, m.path), m.compiledChecksum);
  return { models, written, renderLocation };
}

/** The invocation writing the manifest, the manifest it replaces, and how source locations render. */
async function manifestContext(project: LoadedProject, renderLocation: RenderLocation, invocationId: string): Promise<ManifestContext> {
  const previous = await readFile(join(project.dir, project.config.targetPath, 'manifest.json'), 'utf8').then((text) => JSON.parse(text) as unknown, () => undefined);
  return { invocationId, generatedAt: new Date().toISOString(), ...(previous === undefined ? {} : { previous }), renderLocation };
}

/** Every data-test kind the loaded plugins add, by name, with the plugin's config and the project's files. */
function pluginTestKinds(plugins: readonly LoadedPlugin[], project: LoadedProject): Map<string, PluginTestKind> {
  const readProjectFile = (path: string): string => readFileSync(join(project.dir, path), 'utf8');
  const category = project.config.productCategory;
  const product = category === undefined ? {} : { category };
  const kinds = new Map<string, PluginTestKind>();
  for (const { name, plugin, config } of plugins) {
    for (const [kind, definition] of Object.entries(plugin.testKinds ?? {})) kinds.set(kind, { plugin: name, kind: definition, config, readProjectFile, product });
  }
  return kinds;
}

export interface DiffOptions extends ProjectOptions {
  /** A git ref whose tree is the base (`--base`); or else `stateDir`. */
  readonly baseRef?: string;
  /** A previous build's artifacts folder as the base (`--state`), and how to name it in the output. */
  readonly stateDir?: string;
  readonly stateLabel?: string;
  /** Compare the built tables too (`--data`); `select`/`exclude` choose the models whose values are compared. */
  readonly data?: DiffDataOptions;
  /** Estimate both sides' cost with the engine's dry run (`--cost`, BigQuery); a state's base uses its cost.json. */
  readonly cost?: { readonly pricePerTiB?: number };
}

export interface DiffDataOptions {
  /** The target in profiles.yml the base is built in (another schema, dataset or database file). */
  readonly baseTarget?: string;
  /** DuckDB: the base's database file, with the head target's schemas. */
  readonly baseDatabase?: string;
  /** Relative change a value may have and still count as unchanged, e.g. 0.005. */
  readonly tolerance: number;
}

/** How many changed metric values a report lists at most. */
const SHOWN_VALUE_CHANGES = 50;

/**
 * `pdb diff`: the working tree compiled against a base (a git ref compiled the same way, or a
 * previous build's artifacts), compared model by model; with `data`, the tables both sides built
 * are compared in the engine too. Nothing is written to the project.
 */
export async function diff(options: DiffOptions): Promise<DiffReport> {
  const head = await compileSide('working tree', options);
  let base: DiffSide;
  let baseModels: readonly CompiledModel[] | undefined;
  if (options.baseRef !== undefined) {
    const ref = options.baseRef;
    const checkout = await checkOutBase(options.dir, ref);
    try {
      // Targets say where to build, not what: the base uses the working tree's profiles.yml (often not committed).
      const profilesDir = options.profilesDir ?? (existsSync(join(options.dir, PROFILES_FILE)) ? options.dir : undefined);
      const compiled = checkout.projectDir === undefined ? undefined : await compileSide(ref, { ...options, dir: checkout.projectDir, cache: false, ...(profilesDir === undefined ? {} : { profilesDir }) }).catch((error: unknown) => {
        throw isPdbError(error) ? inBase(error, ref) : error;
      });
      base = compiled?.side ?? emptySide(ref, head.side.targetName);
      baseModels = compiled?.models ?? [];
    } finally {
      await checkout.remove();
    }
  } else if (options.stateDir !== undefined) {
    base = await sideFromState(options.stateDir, options.stateLabel ?? options.stateDir);
  } else {
    throw new PdbError({ code: 'E_USAGE', message: 'pdb diff needs a base: --base <git ref> or --state <dir>.', hint: 'e.g. pdb diff --base origin/main, or pdb diff --state prod-artifacts/', location: { file: '--base' } });
  }
  if (options.data === undefined && options.cost === undefined) return { diff: compareSides(base, head.side) };

  const { project, graph, models } = head;
  const adapter = await openAdapter(project.target, project.dir, options.env ?? process.env);
  try {
    const cost = options.cost === undefined ? undefined : await diffCost(adapter, models, baseModels, options, options.cost);
    if (options.data === undefined) return { diff: compareSides(base, head.side), ...(cost === undefined ? {} : { cost }) };
    const baseTarget = await diffBaseTarget(project, options, options.data);
    const baseRelationOf = await reachBase(adapter, project.target, baseTarget, project.dir);
    const compared = valueModels(graph, models, options);
    const built = (m: { materialized: string } | undefined): boolean => m !== undefined && m.materialized !== 'ephemeral';
    const names = [...new Set([...base.models.keys(), ...head.side.models.keys()])];
    const dataModels = names.map((name) => {
      const before = base.models.get(name);
      const after = models.find((m) => m.name === name);
      return {
        name,
        base: built(before) ? baseRelationOf(JSON.parse(before!.config) as { schema?: string; alias?: string }, name) : undefined,
        head: built(head.side.models.get(name)) ? after!.relation : undefined,
        keys: after === undefined ? [] : grainOf(after),
        compareValues: compared.has(name),
      };
    });
    const { data, columns } = await diffData(adapter, dataModels, { tolerance: options.data.tolerance, shownLimit: SHOWN_VALUE_CHANGES });
    return { diff: compareSides(withBuiltColumns(base, columns.base), withBuiltColumns(head.side, columns.head), 'built tables'), data, ...(cost === undefined ? {} : { cost }) };
  } finally {
    await adapter.close();
  }
}

/** Both sides' dry-run estimates compared: the base's models dry-run too, or a state's cost.json. */
async function diffCost(adapter: Adapter, headModels: readonly CompiledModel[], baseModels: readonly CompiledModel[] | undefined, options: DiffOptions, cost: NonNullable<DiffOptions['cost']>): Promise<CostDiff> {
  if (adapter.dryRun === undefined) {
    throw new PdbError({ code: 'E_DRY_RUN_UNSUPPORTED', message: `--cost: the ${adapter.dialect.type} engine has no dry run, so the cost of the change cannot be estimated.`, hint: 'Compare costs on a BigQuery target (--target), or leave out --cost.', location: { file: '--cost' } });
  }
  const estimateOptions = { fullRefresh: false, ...(cost.pricePerTiB === undefined ? {} : { pricePerTiB: cost.pricePerTiB }) };
  const headEstimate = await estimateBuild(headModels, adapter, estimateOptions);
  const baseEstimate = baseModels !== undefined ? await estimateBuild(baseModels, adapter, estimateOptions) : await readStateCost(options.stateDir!, options.stateLabel ?? options.stateDir!, headEstimate.pricePerTiB);
  return costDiff(baseEstimate, headEstimate);
}

/** The target the base is built in: --base-target, or the head's DuckDB target with --base-database as its file. */
async function diffBaseTarget(project: LoadedProject, options: DiffOptions, data: DiffDataOptions): Promise<Target> {
  if (data.baseTarget !== undefined) {
    return (await loadProject({ dir: options.dir, env: options.env ?? process.env, target: data.baseTarget, vars: options.vars, profilesDir: options.profilesDir })).target;
  }
  if (data.baseDatabase !== undefined) {
    const target = withDatabaseFile(project.target, data.baseDatabase);
    if (target === undefined) {
      throw new PdbError({ code: 'E_USAGE', message: `--base-database is for DuckDB targets; target '${project.target.name}' is ${project.target.type}.`, hint: 'Name the target the base is built in with --base-target (e.g. another dataset).', location: { file: '--base-database' } });
    }
    return target;
  }
  throw new PdbError({ code: 'E_USAGE', message: '--data needs to know where the base is built: --base-target <name> or --base-database <file>.', hint: 'e.g. pdb diff --base origin/main --data --base-database base.duckdb', location: { file: '--data' } });
}

/** The models whose values --data compares: --select/--exclude, else the core metrics (tag:core), else every model. */
function valueModels(graph: ModelGraph, models: readonly CompiledModel[], options: DiffOptions): Set<string> {
  if (isSelecting(options)) return new Set(select(graph, { select: options.select ?? [], exclude: options.exclude ?? [] }).ids);
  const core = models.filter((m) => m.config.tags.includes('core'));
  return new Set((core.length > 0 ? core : models).map((m) => m.name));
}

/** One side of a diff: every enabled model of the project at `options.dir`, compiled for the target (no file written). */
async function compileSide(label: string, options: ProjectOptions): Promise<{ side: DiffSide; project: LoadedProject; graph: ModelGraph; models: CompiledModel[] }> {
  const selection = await selectModels({ ...options, select: [], exclude: [], state: undefined });
  const { project, renders, graph } = selection;
  const enabled = graph.order.filter((id) => renders.get(id)?.config.enabled === true);
  const models = await compileModels(project, renders, enabled, dialectFor(project.target.type), selection.cache);
  const quality = await dataQualityConfig(project);
  const checks = new Map<string, string>([['enabled', stableJson(quality.enabled)], ['max_age_years', stableJson(quality.maxAgeYears)], ...Object.entries(quality.thresholds).map(([name, t]) => [name, stableJson(t)] as [string, string])]);
  return { side: sideFromCompile(label, project, models, checks), project, graph, models };
}

/** Errors of the base's project, named `<ref>:<file>` so they are not taken for the working tree's. */
function inBase(error: PdbError | PdbErrors, ref: string): PdbErrors {
  return new PdbErrors(errorsOf(error).map((e) => new PdbError({ code: e.code, message: `in the base (${ref}): ${e.message}`, ...(e.hint === undefined ? {} : { hint: e.hint }), location: { ...(e.location ?? { file: 'project.yml' }), file: `${ref}:${e.location?.file ?? 'project.yml'}` } })));
}
