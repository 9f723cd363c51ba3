/**
 * The report as a person sees it: target/report/index.html of a sample build, opened from
 * file:// in headless Chromium. No console error (a blocked inline script or style is one), no
 * page error, no request but the file itself; every chart drawn as SVG, with its table view and
 * description; screenshots of every section kept in target/test-artifacts/report/.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withChromium } from '../support/chromium.js';
import { repoRoot } from '../support/temp-project.js';
import { sampleBuild } from './sample-build.js';

const SECTIONS = ['overview', 'users', 'funnel', 'retention', 'revenue', 'insights', 'quality', 'build', 'docs'];
const SCREENSHOTS = join(repoRoot(), 'target', 'test-artifacts', 'report');

test('a build writes one self-contained report that opens offline with every section and chart', async () => {
  const { dir, buildStdout } = await sampleBuild();
  const file = join(dir, 'target', 'report', 'index.html');
  const html = await readFile(file, 'utf8');
  assert.match(buildStdout, /\[report\] target\/report\/index\.html \(\d+ KB\) in \d+ ms/);
  // Self-contained: nothing to load, and a policy that would block anything else.
  assert.not.match(html, /<script[^>]+src=|<link[^>]+href=|<img[^>]+src="?http|@import|url\(http/i);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+';/);
  assert.ok((await stat(file)).size < 1_500_000, 'the report stays small enough to attach to an email');

  await mkdir(SCREENSHOTS, { recursive: true });
  await withChromium(async (context) => {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const url = pathToFileURL(file).href;
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url, { waitUntil: 'load' });

    // Every chart container holds an SVG with drawn shapes and text.
    const charts = await page.$$eval('[data-chart]', (elements) => elements.map((e) => ({ id: e.id, shapes: e.querySelectorAll('svg path, svg rect, svg circle').length, texts: e.querySelectorAll('svg text').length, label: e.getAttribute('aria-label') ?? '', role: e.getAttribute('role') })));
    assert.equal(charts.map((c) => c.id).sort(), [
      'chart-build-time', 'chart-funnel', 'chart-lineage', 'chart-new-by-channel', 'chart-new-by-geo', 'chart-retention-by-step', 'chart-retention-curves',
      'chart-revenue-by-geo', 'chart-revenue-by-type', 'chart-revenue-daily', 'chart-users-daily',
    ]);
    for (const chart of charts) {
      assert.ok(chart.shapes > 5 && chart.texts > 2, `${chart.id} is drawn (${chart.shapes} shapes, ${chart.texts} texts)`);
      assert.is(chart.role, 'img');
      assert.ok(chart.label.length > 40, `${chart.id} has an accessible description`);
    }
    // Each chart's figure has a caption and a table view with rows.
    const figures = await page.$$eval('figure.chart-figure', (elements) => elements.map((f) => ({ id: f.id, caption: f.querySelector('figcaption')?.textContent ?? '', rows: f.querySelectorAll('details.table-view table tbody tr').length })));
    assert.is(figures.length, charts.length);
    for (const f of figures) assert.ok(f.caption.length > 20 && f.rows > 0, `${f.id} has a caption and a table`);

    // What a product manager looks for.
    assert.ok((await page.locator('[data-kpi]').count()) >= 6);
    assert.match(await page.locator('[data-kpi="dau"] .change').innerText(), /^[▲▼]? ?[+−]\d+\.\d%$|^–$/);
    assert.match(await page.locator('#largest-drop-off').innerText(), /^Largest drop-off: from .+ to .+, \d+\.\d% of users are lost/);
    assert.match(await page.locator('#chart-users-daily svg').innerHTML(), />incomplete</);
    assert.ok((await page.locator('#retention-grid td.blank[title="not observable yet"]').count()) > 0);
    assert.match(await page.locator('#retention-grid tr.mean').innerText(), /^Weighted mean/);
    const insights = JSON.parse(await readFile(join(dir, 'target', 'insights', 'insights.json'), 'utf8')) as { headline: string; insights: unknown[] };
    assert.is(await page.locator('#insights article.insight').count(), insights.insights.length);
    assert.is(await page.locator('#insights > p > strong').innerText(), insights.headline);
    assert.ok((await page.locator('#data-quality-checks tbody tr').count()) >= 5);
    assert.ok((await page.locator('#docs details.model-doc').count()) >= 17);

    for (const id of SECTIONS) {
      const section = page.locator(`section#${id}`);
      assert.is(await section.count(), 1, `section ${id}`);
      await section.screenshot({ path: join(SCREENSHOTS, `${id}.png`) });
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'full-page.png'), fullPage: true });

    assert.equal(pageErrors, [], 'page errors');
    assert.equal(consoleErrors, [], 'console errors and warnings');
    assert.equal(requests, [], 'requests besides the file');
  });
});

test.run();
