import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledTest } from '../compile/compiled-test.js';

/**
 * What will run, in which order, as data: testable with no database. A step runs once every
 * step it waits for has succeeded; when one of them fails or is skipped, it is skipped.
 */
export type PlanStep =
  | { readonly kind: 'materialize'; readonly id: string; readonly model: CompiledModel; readonly waitsFor: readonly string[] }
  | { readonly kind: 'test'; readonly id: string; readonly test: CompiledTest; readonly waitsFor: readonly string[] };

export const modelStepId = (name: string): string => `model.${name}`;
export const testStepId = (id: string): string => `test.${id}`;
