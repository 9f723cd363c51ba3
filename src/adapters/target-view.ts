import type { Target } from '../project/types.js';

/** What a model may know of its target (`target` in templates): never credentials. */
export function targetView(t: Target): Readonly<Record<string, unknown>> {
  switch (t.type) {
    case 'duckdb':
      return { name: t.name, type: t.type, schema: t.schema };
    case 'bigquery':
      return { name: t.name, type: t.type, project: t.project, dataset: t.dataset, schema: t.dataset, location: t.location ?? null };
  }
}
