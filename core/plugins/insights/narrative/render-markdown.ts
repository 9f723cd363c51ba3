/** insights.md: what a product manager reads, from the insights file alone. */
import type { Finding, InsightsFile } from '../insights-file.js';
import { formatQ } from '../format.js';

export function renderMarkdown(file: InsightsFile): string {
  const lines: string[] = [];
  const byId = new Map(file.findings.map((f) => [f.id, f]));
  lines.push(`# Insights: ${file.metadata.project}`, '');
  if (file.window !== null) lines.push(`Data from ${file.window.min_date} to ${file.window.max_date} (target \`${file.metadata.target}\`).`, '');
  lines.push('## Headline', '', file.headline, '');
  lines.push(`## Top insights`, '');
  if (file.insights.length === 0) lines.push('No significant finding in this run.', '');
  file.insights.forEach((insight, i) => {
    lines.push(`${i + 1}. **${insight.title}**`, `   ${insight.statement}`);
    if (insight.hypothesis !== undefined) lines.push(`   *Hypothesis (not verified):* ${insight.hypothesis}`);
    if (insight.recommendation !== undefined) lines.push(`   *Recommendation:* ${insight.recommendation}`);
    lines.push(`   Findings: ${insight.finding_ids.map((id) => `${id}${byId.get(id)?.test ? ` (${formatQ(byId.get(id)!.test!.q)})` : ''}`).join(', ')}`, '');
  });
  const gaps = file.findings.filter((f) => f.kind === 'gap' && (f.significant || f.test === null));
  lines.push('## Gaps in the data', '');
  if (gaps.length === 0) lines.push('No missing days, collapses in volume or values that stopped reporting.', '');
  else for (const g of gaps) lines.push(`- ${g.id}: ${g.summary}`);
  if (gaps.length > 0) lines.push('');
  const benchmarks = file.findings.filter((f) => f.kind === 'benchmark');
  lines.push('## Benchmarks', '');
  if (benchmarks.length === 0) lines.push('No benchmark applies (no benchmarks file, or no headline rate built).', '');
  else {
    for (const b of benchmarks) lines.push(`- ${b.id}: ${b.summary}`);
    lines.push('', 'Benchmarks are published figures from other products, for orientation: a comparison, not a statistical test.', '');
  }
  lines.push(...knownBefore(file));
  const recommendations = file.insights.filter((i) => i.recommendation !== undefined);
  if (recommendations.length > 0) {
    lines.push('## Recommendations', '');
    for (const i of recommendations) lines.push(`- ${i.recommendation} (${i.finding_ids.join(', ')})`);
    lines.push('');
  }
  lines.push('## What was checked', '');
  lines.push(`- ${file.tests.family_size} statistical tests in one Benjamini-Hochberg family; ${file.tests.significant} significant at a ${file.tests.fdr * 100}% false discovery rate with the minimum size and count.`);
  if (file.data_quality !== undefined) {
    const q = file.data_quality;
    const problems = q.checks.filter((c) => c.status !== 'pass');
    lines.push(`- Data quality of the source (its last scan): ${q.rows.toLocaleString('en-US')} rows, ${q.checks.length} checks, ${problems.length === 0 ? 'all passed' : `${problems.length} not passed`}.`);
    for (const c of problems) lines.push(`  - ${c.status.toUpperCase()} ${c.name}: ${c.detail}`);
  }
  lines.push(`- Narrative: ${file.narrative.source === 'llm' ? `written by ${file.narrative.model ?? 'an LLM'}, every number filled in and every claim checked by pdb` : `pdb's templates${file.narrative.reason === undefined ? '' : ` (${file.narrative.reason})`}`}.`);
  const v = file.verification;
  if (file.narrative.source === 'llm' || v.proposed > 0) lines.push(`- Claims: ${v.proposed} insights proposed, ${v.accepted} accepted, ${v.retried} retried, ${v.dropped} dropped.`);
  if (file.narrative.source === 'llm' || v.proposed > 0) for (const c of v.checks) lines.push(`- Checked in every LLM insight: ${c}.`);
  else lines.push('- The template narrative is made of the findings\' own sentences: every number in it comes from the findings engine.');
  for (const s of file.skipped) lines.push(`- Skipped ${s.analysis}: ${s.reason}.`);
  lines.push('', `Every finding, with its test, p-value and q-value: \`insights.json\`. ${countByKind(file.findings)}`, '');
  return lines.join('\n');
}

/** What earlier runs knew: findings people confirmed or dismissed, and those no longer found. */
function knownBefore(file: InsightsFile): string[] {
  const commented = file.findings.filter((f) => f.history?.feedback !== undefined);
  const resolved = file.resolved ?? [];
  const persisting = file.findings.filter((f) => f.significant && f.history?.status === 'persisting').length;
  const fresh = file.findings.filter((f) => f.significant && f.history?.status === 'new').length;
  if (commented.length === 0 && resolved.length === 0 && persisting === 0) return [];
  const lines = ['## Since the last run', '', `${fresh} significant finding${fresh === 1 ? ' is' : 's are'} new, ${persisting} found again.`, ''];
  for (const f of commented) {
    const fb = f.history!.feedback!;
    lines.push(`- ${f.id} ${fb.verdict === 'dismissed' ? 'dismissed (not raised again)' : 'confirmed'}${fb.note === null ? '' : `: "${fb.note}"`}: ${f.summary}`);
  }
  for (const r of resolved) lines.push(`- Resolved (not found this run): ${r.summary}`);
  lines.push('');
  return lines;
}

function countByKind(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return `Findings listed: ${[...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}.`;
}
