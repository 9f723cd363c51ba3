import type { LoadedProject } from '../project/types.js';
import type { TemplateEnvironment } from '../templating/template-environment.js';
import type { CompileCache } from './compile-cache.js';

/** A source location as the engine reads it, or undefined when it cannot be rendered. */
export type RenderLocation = (text: string, file: string) => string | undefined;

/**
 * Every source's declared locations (DuckDB path or table, BigQuery table) rendered, since they
 * may use var() and env_var(): from the compile cache while still valid, so an unchanged build
 * needs no template environment; the templates render the rest and the cache keeps them.
 */
export async function renderSourceLocations(
  project: LoadedProject,
  templates: () => Promise<TemplateEnvironment>,
  cache: CompileCache,
  env: Readonly<Record<string, string | undefined>>,
): Promise<RenderLocation> {
  const rendered = new Map<string, string | undefined>();
  for (const source of project.sources) {
    for (const text of [source.duckdb?.path, source.duckdb?.table, source.bigquery?.table]) {
      if (text === undefined) continue;
      const key = locationKey(text, source.location.file);
      if (rendered.has(key)) continue;
      const cached = cache.location(key, env);
      if (cached !== undefined) {
        rendered.set(key, cached);
        continue;
      }
      try {
        const location = (await templates()).renderLocation(text, source.location.file);
        cache.storeLocation(key, location);
        rendered.set(key, location.text);
      } catch {
        rendered.set(key, undefined);
      }
    }
  }
  return (text, file) => (rendered.has(locationKey(text, file)) ? rendered.get(locationKey(text, file)) : undefined);
}

const locationKey = (text: string, file: string): string => `${file}\0${text}`;
