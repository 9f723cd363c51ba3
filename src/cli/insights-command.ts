import { Command } from 'commander';
import { insights, insightsFeedback, insightsHistory } from '../api.js';
import { Option } from 'commander';
import type { HistoryEntry } from '../state/state-types.js';
import type { CliIo, CommandRunner } from './io.js';
import { formatSeconds } from './output.js';
import { projectOptions, withProjectFlags, type CommonFlags } from './shared-options.js';

/** `pdb insights`: findings and a narrative from the tables already built (no rebuild). */
export function insightsCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('insights').description('find tested insights in the metric tables already built (no rebuild): target/insights/');
  withProjectFlags(command);
  command.addCommand(feedbackCommand(io, run));
  command.addCommand(historyCommand(io, run));
  return command.action(async (flags: CommonFlags) => {
    await run(async () => {
      const started = performance.now();
      const outcome = await insights({ ...projectOptions(flags, io), onLog: (line) => io.stdout(`${line}\n`) });
      if (outcome.result.status === 'error') {
        io.stderr(`${outcome.result.message ?? 'insights failed'}\n`);
        return 1;
      }
      io.stdout(`Insights from ${outcome.built} built tables in ${formatSeconds(performance.now() - started)}: ${outcome.project.config.targetPath}/insights/insights.md\n`);
      return 0;
    });
  });
}

/** `pdb insights feedback ID --confirm|--dismiss [--note TEXT]`: what a person knows of a finding. */
function feedbackCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('feedback').description('confirm or dismiss a finding, with a note the next runs show with it').argument('<id>', 'a finding id of the latest insights (F3) or a finding key');
  withProjectFlags(command);
  command.option('--confirm', 'the finding is real').option('--dismiss', 'the finding is explained or not a problem: not raised again as new').option('--note <text>', 'what is known, e.g. "tracking outage, fixed 10-10"');
  return command.action(async (id: string, flags: CommonFlags & { confirm?: boolean; dismiss?: boolean; note?: string }) => {
    await run(async () => {
      if (flags.confirm === flags.dismiss) {
        io.stderr('error: give one of --confirm or --dismiss.\n');
        return 2;
      }
      const verdict = flags.confirm === true ? 'confirmed' : 'dismissed';
      const { finding } = await insightsFeedback({ ...projectOptions(flags, io), finding: id, verdict, ...(flags.note === undefined ? {} : { note: flags.note }) });
      io.stdout(`${verdict === 'confirmed' ? 'Confirmed' : 'Dismissed'} ${finding.findingId} (${finding.key}): ${finding.summary}\n`);
      return 0;
    });
  });
}

/** `pdb insights history [--metric M] [--segment S] [--kind K] [--text T]`: what was found before. */
function historyCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('history').description('what earlier runs found about a metric or segment, with people\'s feedback');
  withProjectFlags(command);
  command.option('--metric <name>', 'e.g. dau, retention_d1, revenue').option('--segment <text>', 'e.g. channel=tiktok, or tiktok').option('--kind <kind>', 'anomaly, gap, segment, trend, funnel or benchmark').option('--text <words>', 'words in a finding or a note');
  command.addOption(new Option('-n, --limit <n>', 'how many').default('50'));
  command.addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'));
  return command.action(async (flags: CommonFlags & { metric?: string; segment?: string; kind?: string; text?: string; limit: string; output: 'text' | 'json' }) => {
    await run(async () => {
      const entries = await insightsHistory({ ...projectOptions(flags, io), metric: flags.metric, segment: flags.segment, kind: flags.kind, text: flags.text, limit: Number(flags.limit) });
      if (flags.output === 'json') io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
      else if (entries.length === 0) io.stdout('Nothing found before for that.\n');
      else io.stdout(entries.map(historyLine).join(''));
      return 0;
    });
  });
}

function historyLine(e: HistoryEntry): string {
  const when = e.startedAt === '' ? e.runId.slice(0, 8) : `${e.startedAt.slice(0, 10)} ${e.runId.slice(0, 8)}`;
  const feedback = e.feedback === undefined ? '' : ` [${e.feedback.verdict}${e.feedback.note === null ? '' : `: ${e.feedback.note}`}]`;
  return `${when}  ${e.findingId.padEnd(4)} ${e.significant ? 'significant' : 'noted     '}  ${e.summary}${feedback}\n`;
}
