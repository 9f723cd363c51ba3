/**
 * A command that would do nothing the user asked for is a mistake, said with exit 2: a project
 * with no (enabled) models, or a `--select` that matches none. Each unmatched selector gets a
 * did-you-mean over the model names, tags and folders it could have meant.
 */
import { closest } from '../errors/did-you-mean.js';
import { PdbError, PdbErrors } from '../errors/pdb-error.js';
import type { LoadedProject } from '../project/types.js';
import type { ModelGraph } from './model-graph.js';

export interface SelectionFacts {
  readonly project: LoadedProject;
  readonly graph: ModelGraph;
  /** The ids the selection chose. */
  readonly selected: readonly unknown[];
  /** `--select` items that matched nothing, as written. */
  readonly unmatched: readonly string[];
  /** Models left out because the data cannot support them. */
  readonly disabled: readonly { readonly name: string; readonly reason: string }[];
  /** Whether the command line had a `--select` or `--exclude`. */
  readonly selecting: boolean;
}

export function requireSelected(facts: SelectionFacts): void {
  if (facts.graph.order.length === 0) throw new PdbErrors([noModels(facts)]);
  if (facts.selected.length > 0) return;
  // `state:modified` or `result:fail` matching nothing is an answer (nothing changed, nothing
  // failed), not a mistake: CI runs them on every push.
  if (facts.unmatched.length > 0 && facts.unmatched.every((item) => /(^|[,+@\d])(state|result):/.test(item))) return;
  const errors = facts.unmatched.map((item) => new PdbError({
    code: 'E_SELECT_EMPTY',
    message: `the selector '${item}' matched no model.${suggestion(item, facts.graph)}`,
    location: { file: '--select' },
    hint: 'See the models with `pdb ls`; a bare word matches a model name, a folder or a tag (tag:x, path:x, name:x to be exact).',
  }));
  if (errors.length === 0 && facts.selecting) {
    errors.push(new PdbError({
      code: 'E_SELECT_EMPTY',
      message: 'the selection left no model to run: --exclude removed every model --select chose.',
      location: { file: '--exclude' },
      hint: 'Exclude fewer models, or check both flags with `pdb ls`.',
    }));
  }
  if (errors.length > 0) throw new PdbErrors(errors);
}

function noModels(facts: SelectionFacts): PdbError {
  const { project, disabled } = facts;
  if (project.models.length > 0) {
    const why = disabled.length > 0 ? ` (${disabled.map((d) => `${d.name}: ${d.reason}`).join('; ')})` : '';
    return new PdbError({
      code: 'E_NO_MODELS',
      message: `every model of the project is disabled${why}: there is nothing to build.`,
      location: { file: 'project.yml' },
      hint: 'Enable models (enabled: true in folder or model config), or map the fields they need in the mapping.',
    });
  }
  return new PdbError({
    code: 'E_NO_MODELS',
    message: 'the project has no models: there is nothing to build.',
    location: { file: 'project.yml' },
    hint:
      project.mapping === undefined
        ? 'Add a mapping (mapping: mapping.yml in project.yml) to get the core metrics: `pdb init --source <your events file>` writes one; or add .sql files under models/.'
        : 'The core package is turned off (packages: [] in project.yml): remove that line to get the core metrics, or add .sql files under models/.',
  });
}

/** " Did you mean 'x'?" over what the selector's method could match. */
function suggestion(item: string, graph: ModelGraph): string {
  // Graph operators (`+x`, `2+x+1`, `@x`) and intersections do not take part in the spelling.
  const atom = item.split(',')[0]?.replace(/^@/, '').replace(/^\d*\+/, '').replace(/\+\d*$/, '') ?? item;
  const colon = atom.indexOf(':');
  const method = colon < 0 ? 'bare' : atom.slice(0, colon);
  const value = colon < 0 ? atom : atom.slice(colon + 1);
  const nodes = [...graph.nodes.values()];
  const names = nodes.map((n) => n.id as string);
  const tags = nodes.flatMap((n) => n.tags);
  const folders = nodes.flatMap((n) => n.folders);
  const paths = nodes.flatMap((n) => n.path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/')));
  const candidates = method === 'tag' ? tags : method === 'path' ? paths : method === 'name' || method === 'model' ? names : [...names, ...tags, ...folders];
  const prefix = colon < 0 ? '' : `${method}:`;
  const match = closest(value, new Set(candidates));
  if (match !== undefined) return ` Did you mean '${prefix}${match}'?`;
  // No typo but part of model names (`dau` for date_wise_dau, as people call metrics): those, or the glob that selects them.
  if (method !== 'bare' && method !== 'name' && method !== 'model') return '';
  const containing = value.length < 2 || /[*?]/.test(value) ? [] : [...new Set(names)].filter((n) => n.toLowerCase().includes(value.toLowerCase())).sort();
  if (containing.length === 0) return '';
  if (containing.length === 1) return ` Did you mean '${prefix}${containing[0]}'?`;
  const listed = containing.slice(0, LISTED).join(', ') + (containing.length > LISTED ? `, and ${containing.length - LISTED} more` : '');
  return ` Did you mean '${prefix}*${value}*' (${listed})?`;
}

/** How many model names a suggestion lists. */
const LISTED = 5;
