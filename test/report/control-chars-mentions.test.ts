import { beforeAll, describe, expect, it } from 'vitest';
import { renderCsv } from '../../engine/report/csv.js';
import { renderMarkdown } from '../../engine/report/markdown.js';
import { renderJunit } from '../../engine/report/junit.js';
import type { ScanResult } from '../../engine/runner/results.js';
import { demoScan } from './scan-fixture.js';

// Cloud text is attacker-controlled. Printed with cat, raw ESC / BEL / NUL / C1 bytes in a report
// act on the terminal (clear it, retitle it, hide lines); in a pull-request comment, @name pings.
const ESC_SEQUENCE = '\u001b]0;pwned\u0007\u001b[2J'; // set the title, ring, clear the screen
const HOSTILE_NAME = `bucket${ESC_SEQUENCE}\u0000nul\u009b31mcsi\u202eevil\u0085 @octocat @org/security-team`;
const HOSTILE_REASON = `reason\u001b[8mhidden\u007f @everyone and #123`;
/** Bytes a report must never carry raw: C0 but tab and line breaks, DEL, C1, bidi overrides. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let result: ScanResult;

beforeAll(async () => {
  result = await demoScan();
  const finding = result.checks.flatMap((c) => c.findings).find((f) => f.asset)!;
  finding.asset = { ...finding.asset!, name: HOSTILE_NAME };
  finding.reason = HOSTILE_REASON;
});

describe('markdown and CSV with hostile cloud text', () => {
  it('markdown: control characters are visible escapes, and no @mention survives', () => {
    const text = renderMarkdown(result);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('\\\\u001b\\]0;pwned\\\\u0007\\\\u001b\\[2J');
    expect(text).toContain('\\\\u0000nul\\\\u009b31mcsi\\\\u202eevil\\\\u0085');
    // GitHub's mention syntax: @ then a name character. Every @ is followed by a zero-width space.
    expect(text).not.toMatch(/@[A-Za-z0-9]/);
    expect(text).toContain('@&#8203;octocat @&#8203;org/security\\-team');
    expect(text).toContain('@&#8203;everyone and \\#123');
  });

  it('CSV: control characters are visible escapes; tab and line breaks stay data', () => {
    const text = renderCsv(result);
    expect(text.replace(/\r\n/g, '')).not.toMatch(RAW_CONTROL);
    expect(text).toContain('bucket\\u001b]0;pwned\\u0007\\u001b[2J\\u0000nul\\u009b31mcsi\\u202eevil\\u0085 @octocat');
    expect(text).toContain('reason\\u001b[8mhidden\\u007f @everyone and #123');
  });
});

describe('JUnit with hostile cloud text', () => {
  it('no raw control character (C0, DEL, C1, bidi override) reaches the XML a CI log prints', () => {
    const text = renderJunit(result);
    expect(text.replace(/[\t\r\n]/g, '')).not.toMatch(RAW_CONTROL);
    expect(text).toContain('bucket\ufffd]0;pwned\ufffd\ufffd[2J\ufffdnul\ufffd31mcsi\ufffdevil\ufffd @octocat');
  });
});
