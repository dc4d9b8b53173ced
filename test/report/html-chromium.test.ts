import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from '../../engine/report/html.js';
import { demoScan } from './scan-fixture.js';

/** Debian's chromium; CI installs it (.ci/run). Playwright never downloads a browser here. */
const CHROMIUM = process.env.ASSAY_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`Skipping the HTML report browser test: no Chromium at ${CHROMIUM} (install Debian's chromium or set ASSAY_CHROMIUM).`);

describe.skipIf(!available)('HTML report in headless Chromium', () => {
  it('loads offline, filters findings, and a hostile resource name does not execute', async () => {
    const result = await demoScan();
    const file = join(mkdtempSync(join(tmpdir(), 'assay-html-')), 'report.html');
    writeFileSync(file, renderHtml(result));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
      await page.goto(pathToFileURL(file).href);
      await page.waitForLoadState('load');

      const total = result.checks.reduce((n, c) => n + c.findings.length, 0) + result.checks.filter((c) => c.status === 'error').length;
      expect(await page.locator('tr.row:visible').count()).toBe(total);
      // Filtering by severity shows exactly the critical findings.
      const critical = result.checks.flatMap((c) => c.findings).filter((f) => f.severity === 'critical').length;
      await page.selectOption('#f-severity', 'critical');
      expect(await page.locator('tr.row:visible').count()).toBe(critical);
      expect(await page.locator('#shown').textContent()).toBe(String(critical));
      // Text search narrows to the findings about the hostile bucket, shown as text.
      await page.selectOption('#f-severity', '');
      await page.fill('#f-text', 'onerror');
      const hostileRows = await page.locator('tr.row:visible').count();
      expect(hostileRows).toBeGreaterThan(0);
      expect(await page.locator('tr.row:visible td.asset').first().textContent()).toContain('<img src=x onerror=');

      // Nothing injected ran, nothing was fetched.
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
