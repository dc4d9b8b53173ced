import type { CheckResult, ScanResult } from '../runner/results.js';
import {
  customEndpointNote,
  SARIF_LEVEL,
  SECURITY_SEVERITY,
  findingFingerprint,
  frameworkRefs,
  isExcepted,
  packOf,
} from './common.js';
import { joinChunks, type ReportChunks } from './chunks.js';
import { JsonStream, jsonChunks } from './json-chunks.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * SARIF 2.1.0: one rule per check (help text from description, rationale and remediation; level
 * from severity, plus `security-severity` for GitHub code scanning), one result per finding with the
 * cloud asset as a logical location (its id as fullyQualifiedName), stable partialFingerprints from
 * check id + asset id, exceptions as accepted suppressions, and checks that could not be evaluated
 * (or check files that did not load) as toolExecutionNotifications.
 */
export function renderSarif(result: ScanResult): string {
  return joinChunks(renderSarifChunks(result));
}

/** renderSarif's text in pieces: its results are made one at a time, as they are written. */
export function* renderSarifChunks(result: ScanResult): ReportChunks {
  // Levels opened: the log, its runs, the run, and its results (a stream).
  yield* jsonChunks(sarifLog(result, (checks, ruleIndex) => new JsonStream(sarifResults(result, checks, ruleIndex))), 4);
  yield '\n';
}

/** The SARIF log as one object. */
export function buildSarif(result: ScanResult): Record<string, unknown> {
  return sarifLog(result, (checks, ruleIndex) => [...sarifResults(result, checks, ruleIndex)]);
}

type RuleIndex = Map<string, number>;

/** One result per finding, check by check. */
function* sarifResults(result: ScanResult, checks: CheckResult[], ruleIndex: RuleIndex): Generator<Record<string, unknown>, void, undefined> {
  for (const check of checks) {
    for (const finding of check.findings) {
      const asset = finding.asset;
      const out: Record<string, unknown> = {
        ruleId: check.id,
        ruleIndex: ruleIndex.get(check.id),
        level: SARIF_LEVEL[finding.severity],
        kind: 'fail',
        message: { text: finding.reason || check.title },
        locations: [
          {
            // Where the rule lives, so code-scanning UIs that need a file have one.
            physicalLocation: { artifactLocation: { uri: check.file }, region: { startLine: 1 } },
            logicalLocations: asset
              ? [{ name: asset.name ?? asset.id, fullyQualifiedName: asset.id, kind: 'resource' }]
              : [{ name: check.id, fullyQualifiedName: `${result.source.provider ?? 'cloud'}:${result.source.accountId ?? ''}`, kind: 'account' }],
          },
        ],
        partialFingerprints: { 'assayFinding/v1': findingFingerprint(check.id, asset?.id) },
        properties: {
          severity: finding.severity,
          ...(asset
            ? { assetId: asset.id, assetType: asset.type, assetName: asset.name, region: asset.region, accountId: asset.accountId }
            : {}),
        },
      };
      if (finding.exception) {
        const e = finding.exception;
        const justification = `${e.reason} (owner ${e.owner}, expires ${e.expires}${e.ticket ? `, ticket ${e.ticket}` : ''})`;
        if (isExcepted(finding)) {
          out.suppressions = [{ kind: 'external', status: 'accepted', justification }];
        } else {
          (out.properties as Record<string, unknown>).expiredException = justification;
        }
      }
      yield out;
    }
  }
}

function sarifLog(result: ScanResult, resultsOf: (checks: CheckResult[], ruleIndex: RuleIndex) => unknown): Record<string, unknown> {
  const checks = [...result.checks].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex: RuleIndex = new Map(checks.map((c, i) => [c.id, i]));
  const rules = checks.map(rule);
  const notifications: Record<string, unknown>[] = [];
  const endpointNote = customEndpointNote(result.source);
  for (const check of checks) {
    if (check.status !== 'error') continue;
    notifications.push({
      level: 'error',
      message: { text: check.message ?? 'The check could not be evaluated.' },
      descriptor: { id: 'check-error' },
      associatedRule: { id: check.id, index: ruleIndex.get(check.id) },
    });
  }
  for (const error of result.loadErrors) {
    const note: Record<string, unknown> = {
      level: 'error',
      message: { text: `${String(error.message)} [${String(error.code)}]` },
      descriptor: { id: 'check-load-error' },
    };
    if (typeof error.file === 'string') {
      note.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: error.file },
            ...(typeof error.line === 'number' ? { region: { startLine: error.line, startColumn: typeof error.column === 'number' ? error.column : 1 } } : {}),
          },
        },
      ];
    }
    notifications.push(note);
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Assay',
            semanticVersion: result.tool.version,
            version: result.tool.version,
            rules,
          },
        },
        automationDetails: { id: `assay/${result.source.provider ?? 'cloud'}/${result.source.accountId ?? 'unknown'}/` },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            startTimeUtc: result.startedAt,
            toolExecutionNotifications: notifications,
            ...(endpointNote ? { toolConfigurationNotifications: [{ level: 'warning', descriptor: { id: 'assay/custom-endpoint' }, message: { text: endpointNote } }] } : {}),
          },
        ],
        results: resultsOf(checks, ruleIndex),
        properties: { source: result.source },
      },
    ],
  };
}

function rule(check: CheckResult): Record<string, unknown> {
  const remediation = check.remediation ?? check.findings.find((f) => f.remediation)?.remediation;
  const parts: Array<[string, string | undefined]> = [
    ['Description', check.description],
    ['Rationale', check.rationale],
    ['Remediation', remediation],
  ];
  const present = parts.filter((p): p is [string, string] => Boolean(p[1]?.trim()));
  const text = present.length ? present.map(([h, body]) => `${h}:\n${body.trim()}`).join('\n\n') : check.title;
  const markdown = present.length
    ? present.map(([h, body]) => `**${h}**\n\n${h === 'Remediation' ? '```\n' + body.trim().replace(/```/g, "'''") + '\n```' : body.trim()}`).join('\n\n')
    : check.title;
  return {
    id: check.id,
    name: check.id,
    shortDescription: { text: check.title },
    fullDescription: { text: check.description?.trim() || check.title },
    help: { text, markdown },
    defaultConfiguration: { level: SARIF_LEVEL[check.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[check.severity],
      severity: check.severity,
      tags: ['security', ...(check.tags ?? []), ...frameworkRefs(check.frameworks)],
      pack: packOf(check),
      ...(check.level ? { level: check.level } : {}),
    },
  };
}
