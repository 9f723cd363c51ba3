/** ZetaSQL's `[at line:col]` split from its message, and traced back to the model's template line. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseZetaSqlMessage, traceToTemplate } from '../../src/validate/trace-error.js';

test('the message, line and column of a caret-mode error', () => {
  assert.equal(parseZetaSqlMessage('Unrecognized name: amout; Did you mean amount? [at 3:7]\n  sum(amout) as revenue\n      ^'), {
    text: 'Unrecognized name: amout; Did you mean amount?',
    line: 3,
    column: 7,
  });
  assert.equal(parseZetaSqlMessage('Something failed'), { text: 'Something failed' });
});

test('a word used once in the template is found on its line', () => {
  const compiled = 'select\n  order_date,\n  sum(amout) as revenue\nfrom\n  `p.d.x`';
  const template = "{#- note -#}\nselect order_date, sum(amout) as revenue\nfrom {{ ref('x') }}";
  assert.equal(traceToTemplate(compiled, template, 3, 7), { line: 2, column: 24 });
});

test('a word used on several lines: the line sharing most words with the compiled line wins', () => {
  const compiled = 'select\n  event_date,\n  event_date + 1 as next_day\nfrom\n  t';
  const template = 'select\n  event_date,\n  event_date + 1 as next_day\nfrom t';
  assert.equal(traceToTemplate(compiled, template, 3, 3), { line: 3, column: 3 });
});

test('a word on equally similar lines: the occurrence of the same rank', () => {
  const compiled = 'select\n  a\nfrom\n  x\nunion all\nselect\n  a\nfrom\n  y';
  const template = 'select a from x\nunion all\nselect a from y';
  assert.equal(traceToTemplate(compiled, template, 7, 3), { line: 3, column: 8 });
});

test('a word the template does not hold (it came from a macro) is not traced', () => {
  assert.is(traceToTemplate('select\n  safe_divide(a)\nfrom t', "select {{ ratio('a') }} from t", 2, 3), undefined);
});

test.run();
