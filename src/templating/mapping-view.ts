import { didYouMean } from '../errors/did-you-mean.js';
import { PdbError } from '../errors/pdb-error.js';
import { mappedEventNames } from '../project/mapped-event-names.js';
import { CANONICAL_COLUMNS, type CanonicalColumn, type Mapping } from '../project/types.js';
import type { RenderSession } from './render-session.js';

/** Without a mapping there are no other fields to list: say how to get one. */
const NO_MAPPING_YET = '; the project defines no mapping yet (`mapping: mapping.yml` in project.yml; `pdb infer` can propose one)';

const IDENTIFIER_PATH = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/;

/**
 * The `mapping` object models see. A canonical column renders as its SQL expression (wrapped in
 * parentheses unless it is a plain column path); reading a column the mapping does not define is
 * an error at the model's line, so a model cannot silently compile against missing data.
 */
export function mappingView(
  mapping: Mapping | undefined,
  renderExpression: (sql: string) => { readonly sql: string; readonly envRead: Readonly<Record<string, string | null>> },
  session: () => RenderSession | undefined,
): object {
  // Memoized per environment; the env vars an expression read are replayed into each session
  // that uses it, so the compile cache sees them for every model.
  const rendered = new Map<CanonicalColumn, { sql: string; envRead: Readonly<Record<string, string | null>> }>();
  const roles: Record<string, unknown> = mapping === undefined ? {} : {
    timezone: mapping.timezone,
    geo_level: mapping.geoLevel,
    activity_events: mapping.activityEvents,
    new_user_events: mapping.newUserEvents,
    funnel: mapping.funnel,
    revenue_types: mapping.revenueTypes,
    event_names: mappedEventNames(mapping),
    source: mapping.source,
    has: (field: string): boolean => mapping.columns[field as CanonicalColumn] !== undefined,
  };
  const knownNames = [...CANONICAL_COLUMNS, ...Object.keys(roles)];

  const column = (name: CanonicalColumn): string => {
    if (mapping === undefined) {
      throw new PdbError({
        code: 'E_MAPPING_MISSING',
        message: `the model uses mapping.${name}, but the project defines no mapping.`,
        hint: 'Add `mapping: mapping.yml` (or an inline mapping) to project.yml; `pdb infer` can propose one.',
      });
    }
    const raw = mapping.columns[name];
    const current = session();
    if (raw === undefined && current?.requires.has(name)) {
      current.missingRequired.push(name);
      return 'null';
    }
    if (raw === undefined) {
      throw new PdbError({
        code: 'E_MAPPING_FIELD',
        message: `the model uses mapping field '${name}', which the mapping in ${mapping.file} does not define.`,
        hint: `Map it under columns: in ${mapping.file} (a column name or SQL expression), or add '${name}' to the model's \`requires\` config so the model is disabled when the data lacks it.`,
        cause: { mappingField: name },
      });
    }
    let entry = rendered.get(name);
    if (entry === undefined) {
      const result = renderExpression(raw);
      const expression = result.sql.trim();
      entry = { sql: IDENTIFIER_PATH.test(expression) ? expression : `(${expression})`, envRead: result.envRead };
      rendered.set(name, entry);
    }
    if (current !== undefined) Object.assign(current.envRead, entry.envRead);
    return entry.sql;
  };

  return new Proxy(roles, {
    get(target, property) {
      if (typeof property === 'symbol') return undefined;
      if ((CANONICAL_COLUMNS as readonly string[]).includes(property)) return column(property as CanonicalColumn);
      if (property in target) return target[property];
      if (property === 'toString' || property === 'toJSON' || property === 'then') return undefined;
      throw new PdbError({
        code: 'E_MAPPING_FIELD',
        message: `'mapping.${property}' is not a mapping field.${didYouMean(property, knownNames)}`,
        hint: `Mapping fields are the canonical columns (${CANONICAL_COLUMNS.join(', ')})${mapping === undefined ? NO_MAPPING_YET : ` and ${Object.keys(roles).join(', ')}`}.`,
        cause: { mappingField: property },
      });
    },
  });
}
