import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import { costOfBytes } from '../cost/cost-estimate.js';
import { formatBytes, formatUsd } from '../cost/format-bytes.js';
import type { ModelChange, ProjectDiff } from './compare-sides.js';
import type { CostDiff } from './cost-changes.js';
import type { DataDiff, ValueChange } from './data-changes.js';

/** GitHub refuses a pull-request comment longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/** Room kept for the closing note that says what was left out. */
const NOTE_ROOM = 1_500;

/** Characters a list in a table cell may take before the rest is counted ("and 12 more"). */
const CELL_ROOM = 300;

/** The first line of the comment: CI finds the comment to update by it. */
export const COMMENT_MARKER = '<!-- pdb diff -->';

export interface DiffReport {
  readonly diff: ProjectDiff;
  readonly data?: DataDiff;
  readonly cost?: CostDiff;
}

/**
 * The pull-request comment: a summary, a table of the changed models, the tests and checks that
 * changed, the cost and data differences, then each model's compiled SQL diff in a collapsed
 * block. It never exceeds `limit` characters: what does not fit (largest parts last) is left out
 * and a closing note says what. Nothing in it depends on the time or the machine.
 */
export function diffMarkdown(report: DiffReport, limit: number = COMMENT_LIMIT): string {
  const out = new BudgetedText(limit - NOTE_ROOM);
  const { diff } = report;
  out.add(`${COMMENT_MARKER}\n## pdb diff: \`${diff.baseLabel}\` → \`${diff.headLabel}\`\n\n${summaryLine(report)}\n\n`);
  modelTable(out, diff);
  testsSection(out, diff);
  if (report.cost !== undefined) costSection(out, report.cost);
  if (report.data !== undefined) dataSection(out, report.data);
  sqlSection(out, diff.models);
  const notes = [...diff.notes];
  if (diff.models.length > 0) notes.push(diff.columnsFrom === 'yaml' ? 'Columns are those the models\' YAML declares (build both sides and pass `--data` to compare the built tables\' columns).' : 'Columns are those of the built tables.');
  return out.finish(notes, limit);
}

function summaryLine(report: DiffReport): string {
  const { diff } = report;
  const count = (kind: ModelChange['kind']): number => diff.models.filter((m) => m.kind === kind).length;
  const parts: string[] = [];
  if (diff.models.length > 0) parts.push(`**${plural(diff.models.length, 'model')} changed** (${count('modified')} modified, ${count('added')} added, ${count('removed')} removed)`);
  if (diff.downstream.length > 0) parts.push(`${plural(diff.downstream.length, 'downstream model')} affected`);
  if (diff.tests.length > 0) parts.push(`${plural(diff.tests.length, 'test')} changed`);
  if (diff.checks.length > 0) parts.push(`${plural(diff.checks.length, 'data-quality check')} changed`);
  if (report.data !== undefined) {
    const values = report.data.changedPerModel.reduce((sum, m) => sum + m.count, 0);
    const rows = report.data.rowCounts.filter((r) => r.base !== r.head).length;
    if (values > 0) parts.push(`${plural(values, 'metric value')} changed beyond ${percent(report.data.tolerance)}`);
    if (rows > 0) parts.push(`${plural(rows, 'row count')} changed`);
  }
  return parts.length === 0 ? 'No change to models, tests, checks or data.' : `${parts.join(', ')}.`;
}

function modelTable(out: BudgetedText, diff: ProjectDiff): void {
  if (diff.models.length === 0) return;
  const header = '| Model | Change | Columns added | Columns removed | Downstream |\n|---|---|---|---|---|\n';
  const rows = diff.models.map((m) => `| \`${m.name}\` | ${changeText(m)} | ${nameList(m.columnsAdded, CELL_ROOM)} | ${nameList(m.columnsRemoved, CELL_ROOM)} | ${nameList(m.downstream, CELL_ROOM)} |\n`);
  out.table(header, rows, 'rows of the model table');
  out.add('\n');
  if (diff.downstream.length > 0) {
    out.add(`Downstream models affected (unchanged themselves, but they read a changed model): ${nameList(diff.downstream, 3_000)}.\n\n`);
  }
}

function changeText(m: ModelChange): string {
  if (m.kind !== 'modified') return m.kind;
  const names = { sql: 'SQL', config: 'config', columns: 'columns' } as const;
  return `modified (${m.parts.map((p) => names[p]).join(', ')})`;
}

function testsSection(out: BudgetedText, diff: ProjectDiff): void {
  if (diff.tests.length === 0 && diff.checks.length === 0) return;
  out.add('### Tests and checks\n\n');
  if (diff.tests.length > 0) {
    const rows = diff.tests.map((t) => `| \`${t.id}\` | ${t.model === undefined ? '' : `\`${t.model}\``} | ${t.kind} |\n`);
    out.table('| Test | Model | Change |\n|---|---|---|\n', rows, 'rows of the test table');
    out.add('\n');
  }
  if (diff.checks.length > 0) {
    const rows = diff.checks.map((c) => `| \`${c.check}\` | ${checkText(c.base)} | ${checkText(c.head)} |\n`);
    out.table('| Data-quality check | Base | Head |\n|---|---|---|\n', rows, 'rows of the data-quality table');
    out.add('\n');
  }
}

const checkText = (json: string | undefined): string => (json === undefined ? '(none)' : `\`${JSON.stringify(JSON.parse(json))}\``);

function costSection(out: BudgetedText, cost: CostDiff): void {
  const bytes = (b: number | null | undefined): string => (b === undefined ? '—' : b === null ? 'unknown' : formatBytes(b));
  const total = (b: number, unknown: number): string => `${unknown > 0 ? 'at least ' : ''}${formatBytes(b)} (${formatUsd(costOfBytes(b, cost.pricePerTiB))})`;
  const change = (base: number | null | undefined, head: number | null | undefined): string => (typeof base === 'number' && typeof head === 'number' ? signedBytes(head - base) : '');
  out.add(`### BigQuery cost (dry run)\n\nA build processes ${total(cost.headTotal, cost.headUnknown)}, was ${total(cost.baseTotal, cost.baseUnknown)}: ${signedBytes(cost.headTotal - cost.baseTotal)} at $${cost.pricePerTiB.toFixed(2)} per TiB.\n\n`);
  if (cost.rows.length === 0) return;
  const rows = cost.rows.map((r) => `| \`${r.model}\` | ${bytes(r.base)} | ${bytes(r.head)} | ${change(r.base, r.head)} |\n`);
  out.table('| Model | Base | Head | Change |\n|---|--:|--:|--:|\n', rows, 'rows of the cost table');
  out.add('\n');
  for (const reason of cost.reasons) out.addOrSay(`- unknown: ${reason.split('\n')[0]}\n`, 'reasons of unknown costs', reason.slice(0, reason.indexOf(':')));
  if (cost.reasons.length > 0) out.add('\n');
}

const signedBytes = (delta: number): string => (delta === 0 ? 'no change' : `${delta > 0 ? '+' : '−'}${formatBytes(Math.abs(delta))}`);

function dataSection(out: BudgetedText, data: DataDiff): void {
  out.add(`### Data (both sides built)\n\n`);
  const counts = data.rowCounts.filter((r) => r.base !== r.head);
  if (counts.length === 0) out.add(`Every model has the same number of rows on both sides (${plural(data.rowCounts.length, 'model')}).\n\n`);
  else {
    const rows = counts.map((r) => `| \`${r.model}\` | ${count(r.base)} | ${count(r.head)} | ${r.base === null || r.head === null ? '' : signedCount(r.head - r.base)} |\n`);
    out.table('| Model | Rows (base) | Rows (head) | Change |\n|---|--:|--:|--:|\n', rows, 'rows of the row-count table');
    out.add('\n');
  }
  const total = data.changedPerModel.reduce((sum, m) => sum + m.count, 0);
  if (total === 0) out.add(`No metric value changed by more than ${percent(data.tolerance)}.\n\n`);
  else {
    const per = data.changedPerModel.map((m) => `\`${m.model}\` ${m.count}`).join(', ');
    out.add(`${plural(total, 'metric value')} changed by more than ${percent(data.tolerance)} (${per}); the largest changes first:\n\n`);
    const rows = data.changes.map((c) => `| \`${c.model}\` | ${cell(c.key)} | \`${c.column}\` | ${number(c.base)} | ${number(c.head)} | ${relativeText(c)} |\n`);
    out.table('| Model | Key | Column | Base | Head | Change |\n|---|---|---|--:|--:|--:|\n', rows, 'rows of the metric-change table');
    if (data.changes.length < total) out.add(`\n${plural(total - data.changes.length, 'smaller change')} not listed.\n`);
    out.add('\n');
  }
  for (const s of data.skipped) out.addOrSay(`- \`${s.model}\`: values not compared: ${s.reason}\n`, 'why these models were not compared', s.model);
  if (data.skipped.length > 0) out.add('\n');
}

function relativeText(c: ValueChange): string {
  if (c.base === null) return 'new row';
  if (c.head === null) return 'row removed';
  if (c.relative === null) return 'from 0';
  return `${c.head >= c.base ? '+' : '−'}${(c.relative * 100).toFixed(2)}%`;
}

function sqlSection(out: BudgetedText, models: readonly ModelChange[]): void {
  const shown = models.filter((m) => m.kind !== 'modified' || m.parts.includes('sql') || m.parts.includes('config'));
  if (shown.length === 0) return;
  out.add('### Compiled SQL\n\n');
  for (const m of shown) {
    if (m.kind !== 'modified' || m.parts.includes('sql')) {
      const before = m.kind === 'added' ? '' : m.base?.sql;
      const after = m.kind === 'removed' ? '' : m.head?.sql;
      if (before === undefined || after === undefined) out.addOrSay(`- \`${m.name}\`: the base's compiled SQL is not in its artifacts folder, only its checksum.\n\n`, 'the SQL diffs of these models', m.name);
      else collapsedDiff(out, m, `${m.kind} (${m.path})`, before, after);
    }
    if (m.parts.includes('config')) collapsedDiff(out, m, 'config', m.base!.config, m.head!.config);
  }
}

/** A unified diff (3 lines of context) in a collapsed block; only its summary when the whole does not fit. */
function collapsedDiff(out: BudgetedText, m: ModelChange, what: string, before: string, after: string): void {
  const withNewline = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
  const patch = structuredPatch(m.kind === 'added' ? '/dev/null' : `a/${m.base?.path ?? m.path}`, m.kind === 'removed' ? '/dev/null' : `b/${m.head?.path ?? m.path}`, withNewline(before), withNewline(after), undefined, undefined, { context: 3 });
  const lines = formatPatch(patch, FILE_HEADERS_ONLY).trimEnd().split('\n');
  const added = lines.filter((l) => l.startsWith('+') && !l.startsWith('+++ ')).length;
  const removed = lines.filter((l) => l.startsWith('-') && !l.startsWith('--- ')).length;
  const text = `${lines.join('\n')}\n`;
  const summary = `<details><summary><code>${m.name}</code> ${what}: +${added} −${removed}</summary>\n\n`;
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const full = `${summary}${fence}diff\n${text}${fence}\n\n</details>\n\n`;
  const short = `${summary}The diff (${plural(lines.length, 'line')}) is left out to keep this comment under GitHub's size limit; run \`pdb diff\` to see it.\n\n</details>\n\n`;
  if (!out.add(full)) out.addOrSay(short, 'the SQL diffs of these models', m.name);
}

/** Text that never grows past its budget: a part that does not fit is left out, and what was left out is listed at the end. */
class BudgetedText {
  private readonly parts: string[] = [];
  private used = 0;
  /** What was left out: a kind of part -> how many, or the names of the parts. */
  private readonly leftOut = new Map<string, string[]>();

  constructor(private readonly budget: number) {}

  /** Appends `text` when it fits; says whether it did. */
  add(text: string): boolean {
    if (this.used + text.length > this.budget) return false;
    this.parts.push(text);
    this.used += text.length;
    return true;
  }

  /** Appends `text`, or records `name` as left out of `what`. */
  addOrSay(text: string, what: string, name: string): void {
    if (!this.add(text)) this.leftOut.set(what, [...(this.leftOut.get(what) ?? []), name]);
  }

  /** A markdown table: the header goes in with the first row; once a row does not fit, it and the rest are counted as left out. */
  table(header: string, rows: readonly string[], what: string): void {
    let missing = 0;
    for (const [index, row] of rows.entries()) {
      if (missing > 0 || !this.add(index === 0 ? header + row : row)) missing += 1;
    }
    if (missing > 0) this.leftOut.set(what, [`${missing}`]);
  }

  /** The text with its closing notes; the notes are cut to fit `limit` too. */
  finish(notes: readonly string[], limit: number): string {
    const lines = [...notes];
    if (this.leftOut.size > 0) {
      // Names are listed while they fit the room kept for this note; the rest are counted.
      const what = [...this.leftOut].map(([kind, names]) => (names.length === 1 && /^\d+$/.test(names[0]!) ? `${names[0]} ${kind}` : `${kind}: ${nameList(names, NOTE_ROOM / 2 / this.leftOut.size)}`)).join('; ');
      lines.push(`Left out to stay under GitHub's ${groupDigits(String(COMMENT_LIMIT))}-character comment limit: ${what}. Run \`pdb diff\` locally (or keep its \`--out\` file as a CI artifact) to see everything.`);
    }
    let text = this.parts.join('');
    // A blank line first: `---` right under a paragraph would make it a heading, under a table a row.
    if (lines.length > 0 && !text.endsWith('\n\n')) text += '\n';
    if (lines.length > 0) text += `---\n${lines.map((l) => `- ${l}`).join('\n')}\n`;
    if (text.length <= limit) return text;
    return `${text.slice(0, limit - 2)}…\n`;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `a`, `b` and 3 more: as many names as fit in `room` characters. */
function nameList(names: readonly string[], room: number): string {
  const shown: string[] = [];
  let used = 0;
  for (const name of names) {
    if (used + name.length + 4 > room) break;
    shown.push(`\`${name}\``);
    used += name.length + 4;
  }
  const rest = names.length - shown.length;
  return rest === 0 ? shown.join(', ') : `${[...shown, ''].join(', ')}and ${rest} more`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

const percent = (fraction: number): string => `${Number((fraction * 100).toPrecision(6))}%`;

/** A count with thousands separators, the same on every machine. */
const count = (n: number | null): string => (n === null ? 'not built' : groupDigits(String(n)));
const signedCount = (n: number): string => (n === 0 ? '0' : `${n > 0 ? '+' : '−'}${groupDigits(String(Math.abs(n)))}`);

function number(n: number | null): string {
  if (n === null) return '';
  if (Number.isInteger(n)) return groupDigits(String(n));
  return String(Number(n.toPrecision(6)));
}

function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
