import { Command, Option } from 'commander';
import { isSelecting, selectModels } from '../api.js';
import { requireSelected } from '../graph/require-selected.js';
import { stableJson } from '../artifacts/stable-json.js';
import type { CliIo, CommandRunner } from './io.js';
import { noteDisabled, warnUnmatched } from './output.js';
import { projectOptions, withProjectFlags, withSelectionFlags, type CommonFlags } from './shared-options.js';

export function lsCommand(io: CliIo, run: CommandRunner): Command {
  const command = new Command('ls').alias('list').description('list the selected models in build order');
  withSelectionFlags(withProjectFlags(command));
  command.addOption(new Option('-o, --output <format>', 'output format').choices(['name', 'path', 'json']).default('name'));
  return command.action(async (flags: CommonFlags & { output: 'name' | 'path' | 'json' }) => {
    await run(async () => {
      const options = projectOptions(flags, io);
      const selection = await selectModels(options);
      const { selected, renders, unmatched, disabled, cache } = selection;
      await cache.save();
      requireSelected({ ...selection, selecting: isSelecting(options) });
      warnUnmatched(unmatched, io);
      noteDisabled(disabled, io);
      const rows = selected.map((id) => {
        const render = renders.get(id);
        if (render === undefined) throw new Error(`internal: ${id} was not rendered`);
        return render;
      });
      switch (flags.output) {
        case 'name':
          io.stdout(rows.map((r) => `${r.model.name}\n`).join(''));
          break;
        case 'path':
          io.stdout(rows.map((r) => `${r.model.path}\n`).join(''));
          break;
        case 'json':
          io.stdout(stableJson(rows.map((r) => ({
            name: r.model.name,
            path: r.model.path,
            materialized: r.config.materialized,
            tags: r.config.tags,
            depends_on: [...new Set(r.rendered.refs)].sort(),
            sources: [...new Set(r.rendered.sources.map((s) => `${s.sourceName}.${s.table}`))].sort(),
          }))));
          break;
      }
      return 0;
    });
  });
}
