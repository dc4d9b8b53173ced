import type { Asset } from '../../../engine/graph/asset.js';
import type { CollectContext } from '../context.js';
import { rpc } from '../rpc.js';
import { sleep } from '../retry.js';

type Obj = Record<string, unknown>;
const REPORT_FIELDS = ['rootLastLogon', 'rootMfaActive', 'rootHasAccessKey', 'rootAccessKeys', 'credentialReport'].map((f) => `AlibabaAccount.${f}`);

/** Waits between polls while a report is generated (a new one is due at most every 4 h); about 8 s in all. */
export const REPORT_POLL_MS = [250, 500, 1000, 2000, 4000];

/**
 * IMS credential report (CIS 1.1–1.3: root last logon, root MFA, root access keys). Generate until
 * its State is COMPLETED (STARTED and INPROGRESS come first), then Get; the report is a Base64 CSV
 * whose first row is `<root>`. A report not ready within the bound, or without a `<root>` row, is
 * a gap on every field it feeds, never an empty report.
 */
export async function collectCredentialReport(ctx: CollectContext, account: Asset, pollMs: readonly number[] = REPORT_POLL_MS): Promise<void> {
  const spec = (action: string) => ({ product: 'ims' as const, action, region: null, fields: REPORT_FIELDS });
  const notReady = (action: string, message: string): void => ctx.addGap(spec(action), { kind: 'other', code: 'CredentialReportNotReady', message });
  for (let attempt = 0; ; attempt++) {
    const generated = await rpc<Obj>(ctx, spec('GenerateCredentialReport'));
    if (!generated.ok) return;
    const state = String(generated.value.State ?? '');
    if (state === 'COMPLETED') break;
    if (attempt >= pollMs.length) {
      notReady('GenerateCredentialReport', `The credential report was still ${state || 'not started'} after ${attempt + 1} requests.`);
      return;
    }
    await sleep(pollMs[attempt]!);
  }
  let csv = '';
  let token: string | undefined;
  for (let attempt = 0, page = 0; page < 100; ) {
    const res = await rpc<Obj>(ctx, spec('GetCredentialReport'), { MaxItems: '1000', ...(token ? { NextToken: token } : {}) });
    if (!res.ok) return;
    // A report that is completed but not yet served answers without content: wait within the bound.
    if (!res.value.Content && !token) {
      if (attempt >= pollMs.length) {
        notReady('GetCredentialReport', `GetCredentialReport returned no content after ${attempt + 1} requests.`);
        return;
      }
      await sleep(pollMs[attempt++]!);
      continue;
    }
    const text = Buffer.from(String(res.value.Content ?? ''), 'base64').toString('utf8');
    // Later pages repeat the header row.
    csv += page === 0 ? text : text.split('\n').slice(1).join('\n');
    page++;
    const truncated = res.value.IsTruncated === true || res.value.IsTruncated === 'true';
    const next = typeof res.value.NextToken === 'string' ? res.value.NextToken : '';
    if (!truncated) break;
    if (!next || next === token) {
      notReady('GetCredentialReport', 'GetCredentialReport said IsTruncated but gave no new NextToken.');
      return;
    }
    token = next;
  }
  const rows = parseCredentialReport(csv);
  const root = rows.find((r) => r.user === '<root>');
  if (!root) {
    notReady('GetCredentialReport', 'The credential report has no <root> row.');
    return;
  }
  const keys = [1, 2]
    .filter((i) => root[`access_key_${i}_exist`] === true)
    .map((i) => ({ active: root[`access_key_${i}_active`] === true, lastRotated: root[`access_key_${i}_last_rotated`] ?? null, lastUsed: root[`access_key_${i}_last_used`] ?? null }));
  account.rootLastLogon = root.user_last_logon ?? null;
  account.rootMfaActive = root.mfa_active ?? null;
  account.rootAccessKeys = keys;
  account.rootHasAccessKey = keys.some((k) => k.active);
  account.credentialReport = rows;
}

type Cell = string | boolean | null;

/** CSV → rows keyed by column; TRUE/FALSE → booleans, `N/A`/`-`/'' → null. */
export function parseCredentialReport(csv: string): Record<string, Cell>[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split(',').map((h) => h.trim());
  if (!header) return [];
  return lines.map((line) => {
    const cells = line.split(',');
    const row: Record<string, Cell> = {};
    header.forEach((col, i) => {
      const v = (cells[i] ?? '').trim();
      row[col] = v === 'TRUE' ? true : v === 'FALSE' ? false : v === '' || v === 'N/A' || v === '-' ? null : v;
    });
    return row;
  });
}
