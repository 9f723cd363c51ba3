/**
 * Headless Chromium for the browser tests: Debian's package (scripts/install-browser.sh installs
 * it), driven by playwright-core, which never downloads a browser of its own. A missing browser
 * fails the test with how to install it: the tests are never skipped.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Where Debian's chromium package puts the browser (PDB_CHROMIUM overrides it). */
export const CHROMIUM = process.env['PDB_CHROMIUM'] ?? '/usr/bin/chromium';

export async function withChromium<T>(use: (context: BrowserContext) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the browser tests need it. Install it with \`bash scripts/install-browser.sh\` (Debian's chromium package), or set PDB_CHROMIUM to a Chromium binary.`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'pdb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    return await use(context);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
