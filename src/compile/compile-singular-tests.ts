import { PdbError } from '../errors/pdb-error.js';
import type { LoadedProject, ModelId } from '../project/types.js';
import type { TemplateEnvironment } from '../templating/template-environment.js';
import { sha256 } from './checksum.js';
import type { CompileCache } from './compile-cache.js';
import type { RefResolver } from './compile-models.js';
import type { CompiledTest } from './compiled-test.js';

/**
 * Singular tests: SQL files under the test paths that return failing rows, templated like
 * models. A test runs when any model it refs is selected; `config(severity='warn')` softens it.
 */
export async function compileSingularTests(
  project: LoadedProject,
  templates: () => Promise<TemplateEnvironment>,
  resolver: RefResolver,
  selected: ReadonlySet<ModelId>,
  cache: CompileCache,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ tests: CompiledTest[]; errors: PdbError[] }> {
  const tests: CompiledTest[] = [];
  const errors: PdbError[] = [];
  for (const file of project.singularTests) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.sql$/, '');
    try {
      // Cached like a model's render (valid while the project-wide context and its env vars hold).
      const checksum = sha256(file.text);
      let rendered = cache.render(file.path, checksum, env);
      if (rendered === undefined) {
        rendered = (await templates()).render(file.path, file.text, name);
        cache.storeRender(file.path, checksum, rendered);
      }
      const refs = [...new Set(rendered.refs)] as ModelId[];
      // A test runs when it reads a selected model (which tests a run keeps is the caller's rule).
      if (!refs.some((id) => selected.has(id))) continue;
      const { severity = 'error', ...rest } = rendered.config;
      if ((severity !== 'error' && severity !== 'warn') || Object.keys(rest).length > 0) {
        errors.push(new PdbError({ code: 'E_CONFIG', message: 'a singular test takes only config(severity=\'error\'|\'warn\').', hint: "Write {{ config(severity='warn') }} or leave config out.", location: { file: file.path, line: 1, column: 1 } }));
        continue;
      }
      tests.push({
        id: name,
        kind: 'singular',
        model: refs[0]!,
        severity,
        dependsOn: refs,
        sql: resolver.resolve(rendered.sql, rendered.refs).trim(),
        location: { file: file.path, line: 1, column: 1 },
      });
    } catch (error) {
      if (!(error instanceof PdbError)) throw error;
      errors.push(error);
    }
  }
  return { tests, errors };
}
