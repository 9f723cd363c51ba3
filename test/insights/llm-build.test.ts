/**
 * The LLM narrative through `pdb insights` on a built project: configured in project.yml, the key
 * read from the named environment variable only, the exact prompt kept in target/insights/
 * prompt.json, no secret in any artifact or output; with the endpoint down, the templates and a
 * successful run.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateSample } from '../../src/sample/generate-sample.js';
import { FakeChatServer } from '../support/fake-chat-server.js';
import { writeFiles } from '../support/temp-project.js';
import { expectOk, readInsights, repoProjectOn, runCli } from './support.js';

const KEY = 'sk-build-test-secret-42';

/** A built copy of the repo's project on a small sample (the events are removed when the process exits). */
async function builtProject(): Promise<{ dir: string; vars: string[] }> {
  const events = await mkdtemp(join(tmpdir(), 'pdb-llm-sample-'));
  process.once('exit', () => rmSync(events, { recursive: true, force: true }));
  await generateSample({ outDir: events, users: 1500, days: 35, seed: 5 });
  const project = await repoProjectOn(events);
  expectOk(await runCli(project.dir, ['build', ...project.vars]), 'pdb build');
  return project;
}

/** project.yml's `insights:` key: the built-in insights plugin's config, with an LLM. */
async function configureLlm(dir: string, baseUrl: string): Promise<void> {
  const text = await readFile(join(dir, 'project.yml'), 'utf8');
  assert.not.match(text, /^insights:/m);
  const insights = `\ninsights:\n  llm: { model: test-model, base_url: "${baseUrl}", api_key_env: PDB_LLM_KEY, timeout_ms: 1000, max_retries: 0 }\n`;
  await writeFiles(dir, { 'project.yml': text + insights });
}

test('a bad insights config is a project error at its line; declaring the plugin twice too', async () => {
  const { dir } = await repoProjectOn();
  const text = await readFile(join(dir, 'project.yml'), 'utf8');
  const lines = text.split('\n').length;
  await writeFiles(dir, { 'project.yml': `${text}\ninsights:\n  llm: { model: m }\n` });
  const bad = await runCli(dir, ['insights']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, `project.yml:${lines + 2}:3: error E_PLUGIN_CONFIG: plugin 'insights' config.llm must have required property 'api_key_env'.`);
  await writeFiles(dir, { 'project.yml': `${text}\ninsights: { top: 3 }\nplugins:\n  - name: insights\n` });
  const twice = await runCli(dir, ['insights']);
  assert.is(twice.code, 2);
  assert.match(twice.stderr, "plugin 'insights' is declared twice.");
});

test('pdb insights with an LLM: its checked insights, the prompt kept, the key nowhere; the endpoint down: templates', async () => {
  const { dir, vars } = await builtProject();
  const good = JSON.stringify({ insights: [{ title: '{F1.metric} in focus', statement: '{F1.metric}: {F1.value} against {F1.baseline} ({F1.where}).', finding_ids: ['F1'], hypothesis: null, recommendation: null }] });
  const server = new FakeChatServer([{ content: good }]);
  const baseUrl = await server.start();
  try {
    await configureLlm(dir, baseUrl);
    const result = await runCli(dir, ['insights', ...vars], { PDB_LLM_KEY: KEY });
    expectOk(result, 'pdb insights');
    assert.match(result.stdout, 'narrative: LLM (test-model)');
    const { json, markdown } = await readInsights(dir);
    assert.is(json.narrative.source, 'llm');
    const f1 = json.findings[0]!;
    assert.is(json.insights[0]!.title, `${f1.metric_label} in focus`);
    assert.match(markdown, 'written by test-model');
    const prompt = JSON.parse(await readFile(join(dir, 'target/insights/prompt.json'), 'utf8')) as { requests: { messages: { content: string }[] }[] };
    assert.is(prompt.requests[0]!.messages[1]!.content, server.requests[0]!.body.messages[1]!.content, 'prompt.json holds the exact prompt');
    assert.is(server.requests[0]!.authorization, `Bearer ${KEY}`);
    for (const file of await readdir(join(dir, 'target'), { recursive: true })) {
      const text = await readFile(join(dir, 'target', file), 'utf8').catch(() => '');
      assert.not.ok(text.includes(KEY), `target/${file} holds the key`);
    }
    assert.not.ok(result.stdout.includes(KEY) || result.stderr.includes(KEY));
  } finally {
    await server.close();
  }

  // The endpoint is gone now: the build still succeeds, with the template narrative.
  const build = await runCli(dir, ['build', ...vars], { PDB_LLM_KEY: KEY });
  expectOk(build, 'pdb build');
  const { json } = await readInsights(dir);
  assert.is(json.narrative.source, 'template');
  assert.match(json.narrative.reason ?? '', 'the LLM endpoint failed: no connection to the endpoint');
  assert.ok(json.insights.length > 0);
});

test.run();
