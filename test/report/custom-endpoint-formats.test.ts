import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../engine/report/html.js';
import { renderJson } from '../../engine/report/json.js';
import { renderJsonl } from '../../engine/report/jsonl.js';
import { renderJunit } from '../../engine/report/junit.js';
import { renderMarkdown } from '../../engine/report/markdown.js';
import { renderOcsf } from '../../engine/report/ocsf.js';
import { renderSarif } from '../../engine/report/sarif.js';
import type { ScanResult } from '../../engine/runner/results.js';
import { demoScan } from './scan-fixture.js';

// Data a custom endpoint served decided every verdict: every format that shows where its data
// came from says so (CSV shows no source at all).
const endpoint = { url: 'http://10.9.8.7:8080', plainHttp: true };
let plain: ScanResult;
let custom: ScanResult;

beforeAll(async () => {
  plain = await demoScan();
  custom = { ...plain, source: { ...plain.source, customEndpoint: endpoint } };
});

describe('reports of data from a custom endpoint', () => {
  it('json, jsonl, sarif and ocsf carry the endpoint as data', () => {
    expect(JSON.parse(renderJson(custom)).source.customEndpoint).toEqual(endpoint);
    expect(JSON.parse(renderJsonl(custom).split('\n')[0]!).scan.customEndpoint).toEqual(endpoint);
    const sarif = JSON.parse(renderSarif(custom));
    expect(sarif.runs[0].properties.source.customEndpoint).toEqual(endpoint);
    expect(sarif.runs[0].invocations[0].toolConfigurationNotifications[0].message.text).toMatch(/custom endpoint, http:\/\/10\.9\.8\.7:8080 \(plain HTTP\)/);
    expect(JSON.parse(renderOcsf(custom))[0].unmapped.custom_endpoint).toEqual(endpoint);
  });

  it('html, markdown and junit say it in words', () => {
    expect(renderHtml(custom)).toMatch(/<p class="warning"><b>Warning:<\/b> Collected through a custom endpoint, http:\/\/10\.9\.8\.7:8080 \(plain HTTP\)/);
    expect(renderMarkdown(custom)).toMatch(/^> \*\*Warning:\*\* Collected through a custom endpoint, http:\/\/10\\\.9\\\.8\\\.7:8080 \\\(plain HTTP\\\)/m);
    expect(renderJunit(custom)).toMatch(/<property name="assay.customEndpoint" value="Collected through a custom endpoint, http:\/\/10.9.8.7:8080 \(plain HTTP\)/);
  });

  it('nothing is said when the provider\'s own endpoints answered', () => {
    for (const text of [renderHtml(plain), renderMarkdown(plain), renderJunit(plain), renderJsonl(plain), renderOcsf(plain), renderSarif(plain)]) {
      expect(text).not.toMatch(/custom.?endpoint/i);
    }
  });
});
