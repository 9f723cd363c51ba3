import type { Adapter } from '../adapters/adapter.js';
import type { Dialect } from '../adapters/dialect.js';
import { stableJson } from '../artifacts/stable-json.js';
import { writeFileAtomic } from '../artifacts/write-file-atomic.js';
import type { CompiledModel } from '../compile/compiled-model.js';
import type { LoadedProject } from '../project/types.js';
import type { NodeResult } from '../runner/run-results.js';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { afterModelStepId, afterRunStepId, DATA_QUALITY_STEP_ID, modelStepId, type HookStep, type PlannedHooks } from '../plan/plan-step.js';
import type { LoadedPlugin } from './load-plugins.js';
import { artifactDigests, hookKey, reusableHookRun, type HookReuse } from './hook-reuse.js';
import type { AfterRunContext, DataQualityInfo, HookContext, HookFinding, KnowledgeBase, ModelInfo, NodeResultInfo } from './plugin-api.js';
import { dialectInfo } from './dialect-info.js';

export interface HookInputs {
  readonly project: LoadedProject;
  readonly adapter: Adapter;
  readonly dialect: Dialect;
  /** The run's models (afterRun is given those that build a table or view). */
  readonly models: readonly CompiledModel[];
  readonly log: (line: string) => void;
  /** The command of the run (a plugin's afterRunOn may leave some out); none for a hook run on its own. */
  readonly command?: 'run' | 'test' | 'build';
  /** The run's environment (for `env()`); defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The project's knowledge base for this run (findings across runs). */
  readonly knowledge: KnowledgeBase;
  /** A build's means to skip an afterRun whose inputs did not change (see hook-reuse.ts); none: always run. */
  readonly reuse?: HookReuse;
}

/** Which plugins have which hooks in a run of `command` (afterRun only where its afterRunOn allows): the plan's hook steps. */
export function plannedHooks(plugins: readonly LoadedPlugin[], command?: 'run' | 'test' | 'build'): PlannedHooks[] {
  return plugins
    .map(({ name, plugin }) => ({
      plugin: name,
      afterModel: plugin.afterModel !== undefined,
      afterRun: plugin.afterRun !== undefined && (command === undefined || plugin.afterRunOn === undefined || plugin.afterRunOn.includes(command)),
    }))
    .filter((hooks) => hooks.afterModel || hooks.afterRun);
}

/**
 * One hook step of a run's plan. `results`: the run's results so far, in plan order, without
 * hooks (an afterModel's model has succeeded: the runner skips its hook otherwise). A hook that
 * throws is an error result naming the plugin and the cause; nothing else of the build is touched.
 */
export async function runHookStep(plugins: readonly LoadedPlugin[], inputs: HookInputs, step: HookStep, results: readonly NodeResult[]): Promise<NodeResult> {
  const loaded = plugins.find((p) => p.name === step.plugin);
  if (loaded === undefined) throw new Error(`the plan has a hook of plugin '${step.plugin}', which is not loaded`);
  switch (step.kind) {
    case 'after-model': {
      const result = results.find((r) => r.id === modelStepId(step.model.name));
      if (result === undefined) throw new Error(`the hook step '${step.id}' ran before its model had a result`);
      return afterModel(loaded, inputs, step.model, result);
    }
    case 'after-run':
      return afterRun(loaded, inputs, inputs.models.filter((m) => m.config.materialized !== 'ephemeral').map(modelInfo), results.map(resultInfo));
  }
}

/**
 * The plugins' hooks outside a build (`pdb insights`, `pdb report` on the tables already built):
 * each plugin's afterModel for each model that has a successful result, in build order, then its
 * afterRun.
 */
export async function runHooks(plugins: readonly LoadedPlugin[], inputs: HookInputs, results: readonly NodeResult[] = []): Promise<NodeResult[]> {
  const out: NodeResult[] = [];
  const modelInfos = inputs.models.filter((m) => m.config.materialized !== 'ephemeral').map(modelInfo);
  for (const hooks of plannedHooks(plugins, inputs.command)) {
    const loaded = plugins.find((p) => p.name === hooks.plugin)!;
    if (hooks.afterModel) {
      for (const model of inputs.models) {
        const result = results.find((r) => r.kind === 'model' && r.name === model.name && r.status === 'success');
        if (result !== undefined) out.push(await afterModel(loaded, inputs, model, result));
      }
    }
    if (hooks.afterRun) out.push(await afterRun(loaded, inputs, modelInfos, results.map(resultInfo)));
  }
  return out;
}

function afterModel(loaded: LoadedPlugin, inputs: HookInputs, model: CompiledModel, result: NodeResult): Promise<NodeResult> {
  return runHook(loaded, afterModelStepId(loaded.name, model.name), `afterModel ${model.name}`, () => loaded.plugin.afterModel!({ ...context(loaded, inputs), model: modelInfo(model), result: resultInfo(result) }));
}

/**
 * A plugin's afterRun, or the outcome of its last run when the plugin declares its inputs
 * (`afterRunInputs`) and nothing they cover changed: then its logged lines are shown again and
 * its findings stand, marked reused. Each run that did not fail is remembered for the next.
 */
async function afterRun(loaded: LoadedPlugin, inputs: HookInputs, models: readonly ModelInfo[], results: readonly NodeResultInfo[]): Promise<NodeResult> {
  const { plugin } = loaded;
  const written = new Set<string>();
  const logs: string[] = [];
  const hookContext = { ...context(loaded, inputs, { written, logs }), models, results };
  const reuse = plugin.afterRunInputs === undefined ? undefined : inputs.reuse;
  const id = afterRunStepId(loaded.name);
  let key: string | undefined;
  if (reuse !== undefined) {
    const declared = await runHook(loaded, id, 'afterRunInputs', async () => void (key = await keyOf(loaded, inputs, hookContext, reuse)));
    if (declared.status === 'error') return { ...declared, id, name: `${loaded.name} afterRun` };
    const previous = key === undefined || !reuse.reuse ? undefined : await reusableHookRun(reuse, id, key, inputs.project.dir);
    if (previous !== undefined) {
      for (const line of previous.logs) inputs.log(line);
      return { id, kind: 'hook', name: `${loaded.name} afterRun`, status: previous.status as NodeResult['status'], seconds: 0, reused: true, ...(previous.findings.length === 0 ? {} : { findings: previous.findings }) };
    }
  }
  const result = await runHook(loaded, id, 'afterRun', () => plugin.afterRun!(hookContext));
  if (reuse !== undefined) {
    if (key === undefined || result.status === 'error') await reuse.store.forgetHookRun(reuse.targetKey, id);
    else await reuse.store.recordHookRun({ target: reuse.targetKey, hookId: id, key, status: result.status, findings: result.findings ?? [], logs, artifacts: await artifactDigests(inputs.project.dir, [...written].sort()), runId: reuse.runId });
  }
  return result;
}

/** Everything a reusable afterRun reads, as one key (see hook-reuse.ts). */
async function keyOf(loaded: LoadedPlugin, inputs: HookInputs, hookContext: AfterRunContext<unknown>, reuse: HookReuse): Promise<string | undefined> {
  const declared = await loaded.plugin.afterRunInputs!(hookContext);
  return hookKey({
    plugin: loaded.name,
    pluginFile: await readFile(loaded.file, 'utf8').catch(() => ''),
    config: loaded.config,
    command: inputs.command,
    product: hookContext.product,
    target: hookContext.target,
    vars: hookContext.vars,
    models: hookContext.models.map((m) => m.name),
    // The data-quality checks' results come only with a scan of the source; their figures are the hook's to declare.
    statuses: hookContext.results.filter((r) => (r.kind === 'model' || r.kind === 'test') && !r.id.startsWith(DATA_QUALITY_RESULT_PREFIX)).map((r) => [r.id, r.status] as const),
    declared: declared ?? null,
  }, reuse);
}

const DATA_QUALITY_RESULT_PREFIX = `test.${DATA_QUALITY_STEP_ID}.`;

/** `id`: the hook's step and result id; `what`: the hook as its result and errors name it. */
async function runHook(loaded: LoadedPlugin, id: string, what: string, hook: () => Promise<readonly HookFinding[] | void>): Promise<NodeResult> {
  const started = performance.now();
  const base = { id, kind: 'hook' as const, name: `${loaded.name} ${what}` };
  try {
    const findings = (await hook()) ?? [];
    const worst = findings.some((f) => f.severity === 'error') ? 'fail' : findings.some((f) => f.severity === 'warn') ? 'warn' : 'success';
    return { ...base, status: worst, seconds: (performance.now() - started) / 1000, ...(findings.length === 0 ? {} : { findings }) };
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    return { ...base, status: 'error', seconds: (performance.now() - started) / 1000, message: `plugin '${loaded.name}' failed in ${what}: ${cause}` };
  }
}

/** What a hook did through its context: the artifacts it wrote (relative to the project) and the lines it logged. */
interface HookTrace {
  readonly written: Set<string>;
  readonly logs: string[];
}

function context(loaded: LoadedPlugin, inputs: HookInputs, trace: HookTrace = { written: new Set(), logs: [] }): HookContext<unknown> {
  const artifact = (fileName: string): string => {
    const path = join(inputs.project.config.targetPath, loaded.name, fileName);
    trace.written.add(path.split('\\').join('/'));
    return join(inputs.project.dir, path);
  };
  return {
    config: loaded.config,
    project: { name: inputs.project.config.name },
    product: inputs.project.config.productCategory === undefined ? {} : { category: inputs.project.config.productCategory },
    target: { name: inputs.project.target.name, type: inputs.project.target.type },
    dialect: dialectInfo(inputs.dialect),
    vars: inputs.project.vars,
    query: async (sql) => {
      const outcome = await inputs.adapter.query(sql);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value.rows;
    },
    log: (message) => {
      const line = `[${loaded.name}] ${message}`;
      trace.logs.push(line);
      inputs.log(line);
    },
    writeArtifact: async (name, data) => {
      await writeFileAtomic(artifact(`${safeName(name)}.json`), stableJson(data));
    },
    writeTextArtifact: async (fileName, text) => {
      await writeFileAtomic(artifact(safeName(fileName)), text);
    },
    readProjectFile: (path) => readFileSync(join(inputs.project.dir, path), 'utf8'),
    readArtifact: (path) => readTargetFile(join(inputs.project.dir, inputs.project.config.targetPath), path),
    env: (name) => (inputs.env ?? process.env)[name],
    dataQuality: () => readDataQuality(join(inputs.project.dir, inputs.project.config.targetPath, 'data_quality.json')),
    knowledge: inputs.knowledge,
  };
}

const safeName = (name: string): string => name.replace(/[^\w.-]/g, '_');

/** A file under target/ as text, or undefined when it is missing; a path leading out of target/ is a bug of the plugin. */
async function readTargetFile(targetDir: string, path: string): Promise<string | undefined> {
  const file = resolve(targetDir, path);
  if (!file.startsWith(`${resolve(targetDir)}${sep}`)) throw new Error(`readArtifact('${path}') leads out of the target folder`);
  return readFile(file, 'utf8').catch(() => undefined);
}

/** The figures of target/data_quality.json, or undefined when no scan wrote it (or it is unreadable). */
async function readDataQuality(file: string): Promise<DataQualityInfo | undefined> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { rows?: unknown; window?: { min_date?: unknown; max_date?: unknown } | null; checks?: unknown };
    const checks = Array.isArray(json.checks) ? json.checks : [];
    return {
      rows: Number(json.rows ?? 0),
      window: json.window && typeof json.window.min_date === 'string' && typeof json.window.max_date === 'string' ? { min_date: json.window.min_date, max_date: json.window.max_date } : null,
      checks: checks.map((c: Record<string, unknown>) => ({ name: String(c['name']), status: String(c['status']), value: typeof c['value'] === 'number' ? c['value'] : null, detail: String(c['detail'] ?? '') })),
    };
  } catch {
    return undefined;
  }
}


function modelInfo(m: CompiledModel): ModelInfo {
  return {
    name: m.name,
    path: m.path,
    relation: m.relation,
    materialized: m.config.materialized,
    tags: m.config.tags,
    description: m.description ?? '',
    columns: m.columns.map((c) => ({ name: c.name, description: c.description ?? '' })),
  };
}

function resultInfo(r: NodeResult): NodeResultInfo {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    status: r.status,
    seconds: r.seconds,
    ...(r.rows === undefined ? {} : { rows: r.rows }),
    ...(r.failures === undefined ? {} : { failures: r.failures }),
    ...(r.message === undefined ? {} : { message: r.message }),
  };
}
