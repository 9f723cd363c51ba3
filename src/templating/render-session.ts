import type { PdbError } from '../errors/pdb-error.js';

export interface SourceCall {
  readonly sourceName: string;
  readonly table: string;
}

/**
 * What one render records: the dependencies, the `config()` calls and the inputs read from
 * outside the file (vars, env vars), so a cached render can be reused only when they still hold.
 */
export class RenderSession {
  /** Model names, in call order, repeats kept. */
  readonly refs: string[] = [];
  readonly sources: SourceCall[] = [];
  readonly config: Record<string, unknown> = {};
  readonly varsRead: Record<string, unknown> = {};
  readonly envRead: Record<string, string | null> = {};
  /** Errors raised by pdb's own functions during render, with their real locations. */
  readonly errors: PdbError[] = [];

  /** Mapping fields this model declares it needs (`requires`); when one is unmapped it renders as null. */
  readonly requires: Set<string>;
  /** Required fields the mapping does not define: the model is disabled, not failed. */
  readonly missingRequired: string[] = [];

  constructor(readonly file: string, requires: readonly string[] = []) {
    this.requires = new Set(requires);
  }
}
