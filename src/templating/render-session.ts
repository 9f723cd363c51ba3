export interface SourceCall {
  readonly sourceName: string;
  readonly table: string;
}

/**
 * What one render records: the dependencies, the `config()` calls and the environment
 * variables read, so a cached render can be reused only when they still hold.
 */
export class RenderSession {
  /** Model names, in call order, repeats kept. */
  readonly refs: string[] = [];
  readonly sources: SourceCall[] = [];
  readonly config: Record<string, unknown> = {};
  readonly envRead: Record<string, string | null> = {};

  /** Mapping fields this model declares it needs (`requires`); when one is unmapped it renders as null. */
  readonly requires: Set<string>;
  /** Required fields the mapping does not define: the model is disabled, not failed. */
  readonly missingRequired: string[] = [];

  constructor(readonly file: string, requires: readonly string[] = []) {
    this.requires = new Set(requires);
  }
}
