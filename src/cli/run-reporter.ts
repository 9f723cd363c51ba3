import pc from 'picocolors';
import type { ExecuteOutcome } from '../api.js';
import { stepName, type PlanStep } from '../plan/plan-step.js';
import type { NodeResult, NodeStatus } from '../runner/run-results.js';
import type { CliIo } from './io.js';
import { formatSeconds } from './output.js';

const LABEL: Record<NodeStatus, string> = { success: 'OK', pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR', skipped: 'SKIP', cancelled: 'CANCEL' };

/**
 * A line per finished step with its status and timing (colored on a terminal), and a summary at
 * the end. On a terminal the line of the steps still running is kept up to date below them.
 */
export class RunReporter {
  private readonly running = new Set<string>();

  constructor(private readonly io: CliIo) {}

  onStart = (step: PlanStep): void => {
    this.running.add(stepName(step));
    this.drawStatus();
  };

  onResult = (result: NodeResult, done: number, total: number): void => {
    this.running.delete(result.name);
    this.clearStatus();
    const width = String(total).length;
    const counter = `[${String(done).padStart(width)}/${total}]`;
    const label = this.color(result.status, LABEL[result.status].padEnd(6));
    this.io.stdout(`${counter} ${label} ${result.kind.padEnd(5)} ${result.name}${detail(result)}\n`);
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
    this.drawStatus();
  };

  summary(outcome: ExecuteOutcome): void {
    this.clearStatus();
    const count = (kind: 'model' | 'test', status: NodeStatus): number => outcome.run.results.filter((r) => r.kind === kind && r.status === status).length;
    const parts = [
      `${count('model', 'success')} built`,
      `${count('model', 'error')} failed`,
      `${outcome.run.results.filter((r) => r.status === 'skipped').length} skipped`,
      `tests: ${count('test', 'pass')} passed, ${count('test', 'warn')} warned, ${count('test', 'fail') + count('test', 'error')} failed`,
    ];
    if (outcome.run.cancelled) parts.push('cancelled');
    this.io.stdout(`\nDone in ${formatSeconds(outcome.run.seconds * 1000)}: ${parts.join(', ')}.\n`);
  }

  private color(status: NodeStatus, text: string): string {
    if (!this.io.interactive) return text;
    switch (status) {
      case 'success':
      case 'pass':
        return pc.green(text);
      case 'warn':
      case 'skipped':
      case 'cancelled':
        return pc.yellow(text);
      case 'fail':
      case 'error':
        return pc.red(text);
    }
  }

  private drawStatus(): void {
    if (!this.io.interactive || this.running.size === 0) return;
    this.io.stdout(pc.dim(`  running: ${[...this.running].join(', ')}`.slice(0, (process.stdout.columns ?? 100) - 1)));
  }

  private clearStatus(): void {
    if (this.io.interactive) this.io.stdout('\r\u001b[2K');
  }
}

function detail(result: NodeResult): string {
  const parts: string[] = [];
  if (result.materialized !== undefined) parts.push(result.materialized);
  if (result.rows !== undefined && result.rows !== null) parts.push(`${result.rows.toLocaleString('en-US')} rows`);
  if (result.failures !== undefined && result.failures > 0) parts.push(`${result.failures.toLocaleString('en-US')} failing rows`);
  if (result.skippedBecause !== undefined) parts.push(`because of ${result.skippedBecause.replace(/^(model|test)\./, '')}`);
  if (result.status !== 'skipped' && result.status !== 'cancelled') parts.push(formatSeconds(result.seconds * 1000));
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
