/**
 * The LLM narrative against a local server speaking the chat-completions protocol, scripted to
 * give: a good answer, an invented number, a wrong direction, an unknown finding id, malformed
 * JSON, a 429 then success, a timeout, and a server that rejects json_schema. Each outcome is
 * asserted: what is shown, what is counted, which narrative is used and why.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { LlmConfig } from '../../core/plugins/insights/config.js';
import { narrate, type Narrative } from '../../core/plugins/insights/narrative/narrate.js';
import { FakeChatServer, type ChatReply } from '../support/fake-chat-server.js';
import { answer, FINDINGS, GOOD_CHANNEL, GOOD_DROP } from './llm-fixtures.js';

const KEY = 'sk-test-0123456789abcdef';

async function narrateWith(script: readonly ChatReply[], llm: Partial<LlmConfig> = {}): Promise<{ narrative: Narrative; server: FakeChatServer }> {
  const server = new FakeChatServer(script);
  const baseUrl = await server.start();
  try {
    const narrative = await narrate(FINDINGS, {
      config: { llm: { model: 'test-model', base_url: baseUrl, api_key_env: 'PDB_TEST_LLM_KEY', timeout_ms: 2000, max_retries: 2, price_per_million_input: 0.15, price_per_million_output: 0.6, ...llm } },
      env: (name) => (name === 'PDB_TEST_LLM_KEY' ? KEY : undefined),
      top: 5,
      project: 'demo',
    });
    return { narrative, server };
  } finally {
    await server.close();
  }
}

const outcomes = (n: Narrative) => n.info.calls.map((c) => `${c.response_format}:${c.outcome}`);

test('a good answer: the LLM narrative is used, numbers filled in by pdb, tokens and cost recorded, the key only in the request header', async () => {
  const { narrative, server } = await narrateWith([{ content: answer(GOOD_DROP, GOOD_CHANNEL) }]);
  assert.is(narrative.info.source, 'llm');
  assert.equal(narrative.insights.map((i) => i.statement), [
    'Daily active users fell to 600 against a usual 1,000 (-40%, q < 0.001).',
    'D1 retention of tiktok is 16.6%, lower than the 31.5% of the other channels.',
  ]);
  assert.equal(narrative.verification, { ...narrative.verification, proposed: 2, accepted: 2, retried: 0, dropped: 0, errors: [] });
  assert.equal(outcomes(narrative), ['json_schema:ok']);
  const call = narrative.info.calls[0]!;
  assert.equal([call.prompt_tokens, call.completion_tokens, call.estimated_cost_usd], [1200, 300, 0.00036]);
  const request = server.requests[0]!;
  assert.is(request.authorization, `Bearer ${KEY}`);
  assert.is(request.body.model, 'test-model');
  assert.is(request.body.response_format?.type, 'json_schema');
  assert.ok(request.body.messages[1]!.content.includes('"id": "F2"'), 'the findings are sent');
  assert.not.ok(/\d{3}/.test(request.body.messages[1]!.content.replace(/F\d+/g, '').replace(/"[a-z_]+": "?\d{4}-\d\d-\d\d"?/g, '')), 'no raw figures besides ids and dates are sent');
  assert.not.ok(JSON.stringify(narrative.prompt).includes(KEY), 'the prompt kept for audit has no key');
  assert.is((narrative.prompt as { api_key_env: string }).api_key_env, 'PDB_TEST_LLM_KEY');
});

test('an invented number: the insight is sent back once with the error, then dropped and counted', async () => {
  const invented = { ...GOOD_CHANNEL, statement: 'D1 retention of {F2.segment} is 17%, far below the rest.' };
  const { narrative, server } = await narrateWith([{ content: answer(GOOD_DROP, invented) }, { content: answer(invented) }]);
  assert.is(narrative.info.source, 'llm');
  assert.equal(narrative.insights.map((i) => i.finding_ids), [['F1']]);
  assert.equal([narrative.verification.proposed, narrative.verification.accepted, narrative.verification.retried, narrative.verification.dropped], [2, 1, 1, 1]);
  assert.ok(narrative.verification.errors.some((e) => e.includes('writes a number of its own ("17%")')), narrative.verification.errors.join('\n'));
  const retry = server.requests[1]!.body.messages;
  assert.is(retry.length, 4);
  assert.match(retry[3]!.content, 'writes a number of its own ("17%")');
});

test('a wrong direction: rejected, then the corrected insight from the retry is accepted', async () => {
  const wrong = { ...GOOD_DROP, statement: 'Daily active users rose to {F1.value}.' };
  const { narrative } = await narrateWith([{ content: answer(wrong, GOOD_CHANNEL) }, { content: answer(GOOD_DROP) }]);
  assert.is(narrative.info.source, 'llm');
  assert.equal(narrative.insights.map((i) => i.finding_ids[0]), ['F2', 'F1']);
  assert.equal([narrative.verification.proposed, narrative.verification.accepted, narrative.verification.retried, narrative.verification.dropped], [2, 2, 1, 0]);
  assert.ok(narrative.verification.errors.includes('insight 1: statement: "rose" disagrees with F1 (down)'), narrative.verification.errors.join('\n'));
});

test('an unknown finding id, twice: nothing passes, so the templates write the narrative and say why', async () => {
  const unknown = { ...GOOD_DROP, finding_ids: ['F99'], title: 'Users dropped', statement: 'Users fell to {F99.value}.', recommendation: null };
  const { narrative } = await narrateWith([{ content: answer(unknown) }, { content: answer(unknown) }]);
  assert.is(narrative.info.source, 'template');
  assert.is(narrative.info.reason, 'every insight of the LLM failed the checks, also after a retry');
  assert.equal([narrative.verification.proposed, narrative.verification.accepted, narrative.verification.retried, narrative.verification.dropped], [1, 0, 1, 1]);
  assert.ok(narrative.verification.errors.includes('insight 1: cites unknown finding F99'));
  assert.ok(narrative.insights.length > 0 && narrative.insights[0]!.finding_ids.includes('F1'), 'the template narrative covers the findings');
  assert.equal(outcomes(narrative), ['json_schema:ok', 'json_schema:ok']);
});

test('malformed JSON, twice: the templates, with the reason', async () => {
  const { narrative } = await narrateWith([{ content: 'Here are your insights: {"insights": [' }, { content: 'Sorry: no JSON today' }]);
  assert.is(narrative.info.source, 'template');
  assert.match(narrative.info.reason ?? '', "the LLM's answer was not valid JSON matching the schema, twice: the answer is not valid JSON");
  assert.ok(narrative.verification.errors[0]!.startsWith('answer: the answer is not valid JSON'));
});

test('JSON that breaks the schema is retried like malformed JSON, then used when it is right', async () => {
  const { narrative } = await narrateWith([{ content: JSON.stringify({ insights: [{ title: 'x' }] }) }, { content: answer(GOOD_DROP) }]);
  assert.is(narrative.info.source, 'llm');
  assert.match(narrative.verification.errors[0]!, "answer: the answer does not match the schema: /insights/0 must have required property 'statement'");
  assert.equal([narrative.verification.proposed, narrative.verification.accepted], [1, 1]);
});

test('429, then success: retried after the retry-after the server asked for', async () => {
  const { narrative, server } = await narrateWith([{ status: 429, message: 'rate limited', headers: { 'retry-after-ms': '20' } }, { content: answer(GOOD_DROP) }]);
  assert.is(narrative.info.source, 'llm');
  assert.equal(outcomes(narrative), ['json_schema:http_error', 'json_schema:ok']);
  assert.match(narrative.info.calls[0]!.detail ?? '', 'HTTP 429');
  assert.is(server.requests.length, 2);
});

test('a 503, then a 500, then success: 5xx is retried too; a 401 is not', async () => {
  const { narrative } = await narrateWith([{ status: 503, message: 'overloaded', headers: { 'retry-after-ms': '5' } }, { status: 500, message: 'oops', headers: { 'retry-after-ms': '5' } }, { content: answer(GOOD_DROP) }]);
  assert.equal(outcomes(narrative), ['json_schema:http_error', 'json_schema:http_error', 'json_schema:ok']);
  assert.is(narrative.info.source, 'llm');
  const denied = await narrateWith([{ status: 401, message: 'bad key' }, { content: answer(GOOD_DROP) }]);
  assert.equal(outcomes(denied.narrative), ['json_schema:http_error']);
  assert.is(denied.narrative.info.reason, 'the LLM endpoint failed: HTTP 401: 401 bad key');
  assert.is(denied.server.requests.length, 1);
});

test('a timeout on every try: the templates, the timeouts recorded, the build goes on', async () => {
  const { narrative, server } = await narrateWith([{ hangMs: 1500, content: answer(GOOD_DROP) }, { hangMs: 1500, content: answer(GOOD_DROP) }], { timeout_ms: 200, max_retries: 1 });
  assert.is(narrative.info.source, 'template');
  assert.is(narrative.info.reason, 'the LLM endpoint failed: the request timed out');
  assert.equal(outcomes(narrative), ['json_schema:timeout', 'json_schema:timeout']);
  assert.is(server.requests.length, 2);
});

test('a server that rejects json_schema: json_object next, then prompt-only, always validated locally', async () => {
  const { narrative, server } = await narrateWith([
    { status: 400, message: "response_format 'json_schema' is not supported" },
    { status: 400, message: "response_format 'json_object' is not supported" },
    { content: `\`\`\`json\n${answer(GOOD_CHANNEL)}\n\`\`\`` },
  ]);
  assert.is(narrative.info.source, 'llm');
  assert.equal(outcomes(narrative), ['json_schema:http_error', 'json_object:http_error', 'prompt_only:ok']);
  assert.equal(server.requests.map((r) => r.body.response_format?.type ?? 'none'), ['json_schema', 'json_object', 'none']);
});

test('no key in the environment: the templates, and no request at all', async () => {
  const narrative = await narrate(FINDINGS, { config: { llm: { model: 'm', api_key_env: 'PDB_TEST_NO_KEY' } }, env: () => undefined, top: 5, project: 'demo' });
  assert.equal([narrative.info.source, narrative.info.reason, narrative.info.calls.length], ['template', 'no API key in $PDB_TEST_NO_KEY', 0]);
});

test.run();
