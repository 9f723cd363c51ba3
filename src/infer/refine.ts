import type { CanonicalField, FieldProposal, MappingProposal } from '../plugins/plugin-api.js';

/**
 * The seam for an LLM (or any other) refinement: it may adjust confidences and evidence of the
 * heuristic proposal, or fill fields the heuristics left empty, never replace what they chose.
 * `refineProposal` enforces that whatever the refiner returns.
 */
export type Refiner = (proposal: MappingProposal) => Promise<MappingProposal>;

export async function refineProposal(heuristic: MappingProposal, refiner: Refiner | undefined): Promise<MappingProposal> {
  if (refiner === undefined) return heuristic;
  const refined = await refiner(heuristic);
  const columns: Partial<Record<CanonicalField, FieldProposal>> = { ...heuristic.columns };
  for (const [field, proposal] of Object.entries(refined.columns) as [CanonicalField, FieldProposal][]) {
    const original = heuristic.columns[field];
    if (original === undefined) columns[field] = proposal;
    else if (proposal.expression === original.expression) columns[field] = { ...original, confidence: proposal.confidence, evidence: proposal.evidence };
  }
  return { ...heuristic, columns, events: heuristic.events ?? refined.events };
}
