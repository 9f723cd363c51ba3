import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSummary, shortUrl, summarizeProfile, type CpuProfile } from './summarize-profile.js';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

// root -> main -> render -> render (recursion) ; main -> format. 1 ms per sample.
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2] },
    { id: 2, callFrame: frame('main', 'file:///x/dist/src/api.js', 9), children: [3, 5] },
    { id: 3, callFrame: frame('render', 'file:///x/node_modules/nunjucks/src/environment.js', 99), children: [4] },
    { id: 4, callFrame: frame('render', 'file:///x/node_modules/nunjucks/src/environment.js', 99) },
    { id: 5, callFrame: frame('format', 'file:///x/node_modules/sql-formatter/dist/index.js', 0) },
  ],
  samples: [2, 3, 4, 4, 5, 5, 5],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

test('short urls name the package or the repo file', () => {
  assert.is(shortUrl(''), '(native)');
  assert.is(shortUrl('file:///elsewhere/node_modules/a/node_modules/b/x.js'), 'node_modules/b/x.js');
  assert.is(shortUrl('node:internal/modules/cjs/loader'), 'node:internal/modules/cjs/loader');
});

test('self time, total time (recursion counted once) and time per file', () => {
  const s = summarizeProfile(PROFILE, 10);
  assert.is(s.totalMs, 7);
  // Ties are ordered by name.
  assert.equal(s.selfByFunction, [
    { name: 'node_modules/nunjucks/src/environment.js:render:100', ms: 3 },
    { name: 'node_modules/sql-formatter/dist/index.js:format:1', ms: 3 },
    { name: 'file:///x/dist/src/api.js:main:10', ms: 1 },
  ]);
  assert.equal(s.totalByFunction, [
    { name: 'file:///x/dist/src/api.js:main:10', ms: 7 },
    { name: 'node_modules/nunjucks/src/environment.js:render:100', ms: 3 },
    { name: 'node_modules/sql-formatter/dist/index.js:format:1', ms: 3 },
  ]);
  assert.equal(s.selfByFile, [
    { name: 'node_modules/nunjucks/src/environment.js', ms: 3 },
    { name: 'node_modules/sql-formatter/dist/index.js', ms: 3 },
    { name: 'file:///x/dist/src/api.js', ms: 1 },
  ]);
  assert.equal(s.totalByPdbFunction, [{ name: 'file:///x/dist/src/api.js:main:10', ms: 7 }]);
});

test('the summary as text', () => {
  const text = formatSummary(summarizeProfile(PROFILE, 1));
  assert.is(
    text,
    `sampled 7 ms
self time by function:
       3 ms  node_modules/nunjucks/src/environment.js:render:100
total time by function:
       7 ms  file:///x/dist/src/api.js:main:10
self time by file:
       3 ms  node_modules/nunjucks/src/environment.js
total time of pdb functions:
       7 ms  file:///x/dist/src/api.js:main:10`,
  );
});

test.run();
