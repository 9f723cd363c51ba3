import pc from 'picocolors';
import type { ExecuteOutcome } from '../api.js';
import { stepName, type PlanStep } from '../plan/plan-step.js';
import { isFailure, type NodeResult, type NodeStatus } from '../runner/run-results.js';
import type { CliIo } from './io.js';
import { count } from '../text/count.js';
import { formatSeconds } from './output.js';

const LABEL: Record<NodeStatus, string> = { success: 'OK', pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR', skipped: 'SKIP', cancelled: 'CANCEL' };

/** Erases the terminal's current line and returns the cursor to its start. */
const CLEAR_LINE = '\r\u001b[2K';

/**
 * A line per finished step with its status and timing (colored on a terminal), and a summary at
 * the end: the failures again (as dbt's "Completed with N errors"), then one line of counts and
 * the command's wall time. Steps that a Ctrl-C kept from starting get no line of their own, only
 * a count in the summary. On a terminal the line of the steps still running is kept up to date
 * below them: erased before each redraw and cut to the terminal's width, so it never wraps and
 * never leaves stale copies in the scrollback.
 */
export class RunReporter {
  private readonly running = new Set<string>();
  private statusShown = false;
  private notStarted = 0;

  /**
   * `startedAt`: `performance.now()` when the command started, for its wall time. `signal`: the
   * command's Ctrl-C; the status line is erased before the notice is printed below it.
   */
  constructor(
    private readonly io: CliIo,
    private readonly startedAt: number = performance.now(),
    signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', () => this.clearStatus(), { once: true });
  }

  /** A line printed while steps run (the data-quality summary, a plugin's log): above the status line. */
  log = (line: string): void => {
    this.clearStatus();
    this.io.stdout(`${line}\n`);
    this.drawStatus();
  };

  onStart = (step: PlanStep): void => {
    this.running.add(stepName(step));
    this.drawStatus();
  };

  onResult = (result: NodeResult, done: number, total: number): void => {
    const wasRunning = this.running.delete(result.name);
    if (result.status === 'cancelled' && !wasRunning) {
      this.notStarted += 1;
      return;
    }
    this.clearStatus();
    const width = String(total).length;
    this.print(`[${String(done).padStart(width)}/${total}] `, result);
    this.drawStatus();
  };

  summary(outcome: ExecuteOutcome): void {
    this.clearStatus();
    const { results, cancelled } = outcome.run;
    const failures = results.filter((r) => isFailure(r.status));
    if (failures.length > 0) {
      this.io.stdout(`\n${this.paint(pc.red, `Completed with ${count(failures.length, 'error')}:`)}\n`);
      for (const result of failures) this.print('  ', result);
    }
    if (cancelled) {
      const n = this.notStarted;
      this.io.stdout(`\n${this.paint(pc.yellow, `Cancelled: ${n === 0 ? 'every step had started' : `${count(n, 'step')} not started`}.`)}\n`);
    }
    const tally = (kind: 'model' | 'test', status: NodeStatus): number => results.filter((r) => r.kind === kind && r.status === status).length;
    // A table that stands from an earlier run was not built by this one: counted apart.
    const reused = results.filter((r) => r.kind === 'model' && r.status === 'success' && r.reused === true).length;
    const parts = [
      `${tally('model', 'success') - reused} built`,
      ...(reused === 0 ? [] : [`${reused} reused`]),
      `${tally('model', 'error')} failed`,
      `${results.filter((r) => r.status === 'skipped').length} skipped`,
      `tests: ${tally('test', 'pass')} passed, ${tally('test', 'warn')} warned, ${tally('test', 'fail') + tally('test', 'error')} failed`,
    ];
    if (cancelled) parts.push('cancelled');
    this.io.stdout(`\nDone in ${formatSeconds(performance.now() - this.startedAt)}: ${parts.join(', ')}.\n`);
  }

  /** A step's line and what explains it (findings, the error, failing rows). */
  private print(prefix: string, result: NodeResult): void {
    const label = this.color(result.status, LABEL[result.status].padEnd(6));
    this.io.stdout(`${prefix}${label} ${result.kind.padEnd(5)} ${result.name}${detail(result)}\n`);
    for (const finding of result.findings ?? []) this.io.stdout(`         ${finding.severity}: ${finding.message}\n`);
    if (result.message !== undefined && result.status === 'error') {
      const where = result.location === undefined ? '' : `${result.location.file}${result.location.line === undefined ? '' : `:${result.location.line}`}: `;
      this.io.stdout(`         ${where}${result.message}\n`);
    }
    if (result.sample !== undefined && result.sample.length > 0) {
      const where = result.location === undefined ? '' : ` (${result.location.file}:${result.location.line})`;
      this.io.stdout(`         failing rows${where}, first ${result.sample.length}:\n`);
      for (const row of result.sample) this.io.stdout(`           ${JSON.stringify(row)}\n`);
    }
  }

  private paint(style: (text: string) => string, text: string): string {
    return this.io.interactive ? style(text) : text;
  }

  private color(status: NodeStatus, text: string): string {
    switch (status) {
      case 'success':
      case 'pass':
        return this.paint(pc.green, text);
      case 'warn':
      case 'skipped':
      case 'cancelled':
        return this.paint(pc.yellow, text);
      case 'fail':
      case 'error':
        return this.paint(pc.red, text);
    }
  }

  private drawStatus(): void {
    if (!this.io.interactive) return;
    this.clearStatus();
    if (this.running.size === 0) return;
    // One character short of the width: a full line would wrap on some terminals.
    const width = Math.max(10, (this.io.columns ?? 80) - 1);
    const text = `  running: ${[...this.running].join(', ')}`;
    this.io.stdout(pc.dim(text.length <= width ? text : `${text.slice(0, width - 1)}…`));
    this.statusShown = true;
  }

  private clearStatus(): void {
    if (!this.statusShown) return;
    this.io.stdout(CLEAR_LINE);
    this.statusShown = false;
  }
}

function detail(result: NodeResult): string {
  const parts: string[] = [];
  if (result.materialized !== undefined) parts.push(result.materialized);
  if (result.rebuiltInFull !== undefined) parts.push(`rebuilt in full: ${result.rebuiltInFull}`);
  const increment = result.increment;
  if (increment !== undefined) {
    const what = increment.everyDate === true ? 'every date recomputed: a new row is older than the lookback' : increment.since === undefined ? 'recomputed' : `recomputed from ${increment.since}`;
    parts.push(`${what}, ${count(increment.newRows, 'new row')}`);
  }
  if (result.rows !== undefined && result.rows !== null) parts.push(count(result.rows, 'row'));
  if (result.failures !== undefined && result.failures > 0) parts.push(count(result.failures, 'failing row'));
  if (result.skippedBecause !== undefined) parts.push(`because of ${result.skippedBecause.replace(/^(model|test)\./, '')}`);
  if (result.status !== 'skipped' && result.status !== 'cancelled') parts.push(formatSeconds(result.seconds * 1000));
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
