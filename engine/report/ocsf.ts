import type { ScanResult } from '../runner/results.js';
import { OCSF_SEVERITY_ID, allFindings, customEndpointOf, findingFingerprint, frameworkRefs, isExcepted } from './common.js';
import { joinChunks, type ReportChunks } from './chunks.js';
import { JsonStream, jsonChunks } from './json-chunks.js';

/** The OCSF schema version these events follow. */
export const OCSF_VERSION = '1.1.0';
/** Compliance Finding (category Findings = 2). type_uid = class_uid × 100 + activity_id. */
export const OCSF_COMPLIANCE_FINDING = { class_uid: 2003, category_uid: 2, activity_id: 1 } as const;

const SEVERITY_NAME: Record<number, string> = { 1: 'Informational', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };
const PROVIDERS: Record<string, string> = { alibaba: 'Alibaba Cloud' };

/**
 * OCSF Compliance Finding events (class 2003), one per failed asset, as a JSON array: the check as
 * compliance control with its framework requirements, the asset as resource, the account as cloud
 * account. An active exception marks the finding Suppressed (status_id 3).
 */
export function renderOcsf(result: ScanResult): string {
  return joinChunks(renderOcsfChunks(result));
}

/** renderOcsf's text in pieces: one event at a time, made as it is written. */
export function* renderOcsfChunks(result: ScanResult): ReportChunks {
  yield* jsonChunks(new JsonStream(ocsfEvents(result)), 1);
  yield '\n';
}

/** The events as objects, without the members they leave unset. */
export function buildOcsf(result: ScanResult): Array<Record<string, unknown>> {
  return Array.from(ocsfEvents(result), (event) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>);
}

/** One event per finding; members without a value are undefined (JSON leaves them out). */
function* ocsfEvents(result: ScanResult): Generator<Record<string, unknown>, void, undefined> {
  const time = Date.parse(result.startedAt) || Date.now();
  const provider = String(result.source.provider ?? 'cloud');
  const customEndpoint = customEndpointOf(result.source);
  const checks = new Map(result.checks.map((c) => [c.id, c]));
  for (const finding of allFindings(result)) {
    const check = checks.get(finding.checkId);
    const severityId = OCSF_SEVERITY_ID[finding.severity];
    const suppressed = isExcepted(finding);
    const asset = finding.asset;
    const event: Record<string, unknown> = {
      ...OCSF_COMPLIANCE_FINDING,
      class_name: 'Compliance Finding',
      category_name: 'Findings',
      activity_name: 'Create',
      type_uid: OCSF_COMPLIANCE_FINDING.class_uid * 100 + OCSF_COMPLIANCE_FINDING.activity_id,
      type_name: 'Compliance Finding: Create',
      time,
      severity_id: severityId,
      severity: SEVERITY_NAME[severityId],
      status_id: suppressed ? 3 : 1,
      status: suppressed ? 'Suppressed' : 'New',
      message: finding.reason,
      metadata: {
        version: OCSF_VERSION,
        product: { name: result.tool.name, vendor_name: 'Assay', version: result.tool.version },
        log_name: 'assay-scan',
      },
      finding_info: {
        uid: findingFingerprint(finding.checkId, asset?.id),
        title: finding.title,
        desc: check?.description?.trim() ?? finding.title,
        types: ['Compliance'],
        src_url: undefined,
      },
      compliance: {
        control: finding.checkId,
        standards: Object.keys(finding.frameworks ?? {}),
        requirements: frameworkRefs(finding.frameworks),
        status_id: 3,
        status: 'Fail',
      },
      cloud: {
        provider: PROVIDERS[provider] ?? provider,
        account: { uid: asset?.accountId ?? result.source.accountId ?? undefined },
        region: asset?.region ?? undefined,
      },
      resources: asset
        ? [{ uid: asset.id, type: asset.type ?? undefined, name: asset.name ?? undefined, region: asset.region ?? undefined }]
        : [],
      remediation: { desc: finding.remediation?.trim() ?? 'See the check documentation.' },
      unmapped: suppressed || finding.exception || customEndpoint ? { exception: finding.exception, custom_endpoint: customEndpoint } : undefined,
    };
    yield event;
  }
}
