import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import type { World } from '../../emulator/types.js';
import { CollectContext } from '../../../connectors/alibaba/context.js';
import { ClientFactory } from '../../../connectors/alibaba/clients.js';
import { makeCredentials } from '../../../connectors/alibaba/credentials/make-credentials.js';
import { collectCredentialReport } from '../../../connectors/alibaba/collectors/ims.js';
import { AssetGraph } from '../../../engine/graph/asset-graph.js';
import type { Asset } from '../../../engine/graph/asset.js';

/** IMS credential report generation as the model has it: STARTED, INPROGRESS, then COMPLETED. */
const UID = '1000000000000005';
const ROOT = { accessKeyId: 'LTAI5tImsRootKey000001', accessKeySecret: 'ims-root-secret-000000000000000' };
const POLL = [5, 5, 5];

function world(states?: string[]): World {
  return {
    account: { AccountId: UID, HomeRegion: 'cn-hangzhou', Root: { MFAActive: true, AccessKeys: [] }, ...(states ? { CredentialReportStates: states } : {}) },
    credentials: [{ AccessKeyId: ROOT.accessKeyId, AccessKeySecret: ROOT.accessKeySecret, AccountId: UID, Type: 'root' }],
  };
}

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function collect(states?: string[]) {
  emu = await startEmulator({ world: world(states) });
  const graph = new AssetGraph();
  const ctx = new CollectContext({
    graph,
    clients: new ClientFactory(makeCredentials({ ...ROOT, source: 'test' }), emu.url),
    accountId: UID,
    timeoutMs: 2_000,
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 100 },
    concurrency: 4,
    productConcurrency: 4,
    rateLimits: { default: 0 },
  });
  const account = ctx.addAsset({ id: `acs:ram::${UID}:root`, type: 'AlibabaAccount', region: null, name: null, tags: [] }) as Asset;
  await collectCredentialReport(ctx, account, POLL);
  return { graph, account, calls: emu.stats().calls };
}

describe('credential report generation', () => {
  it('polls GenerateCredentialReport through STARTED and INPROGRESS, then reads the report', async () => {
    const { graph, account, calls } = await collect(['STARTED', 'INPROGRESS', 'COMPLETED']);
    expect(graph.gaps).toEqual([]);
    expect(calls['ims:GenerateCredentialReport']).toBe(3);
    expect(account.rootMfaActive).toBe(true);
    expect(account.rootHasAccessKey).toBe(false);
  });

  it('a report still being generated after the bound is a gap on every field it feeds, not an empty report', async () => {
    const { graph, account } = await collect(['STARTED', 'INPROGRESS']);
    expect(graph.gaps.map((g) => [g.action, g.code])).toEqual([['GenerateCredentialReport', 'CredentialReportNotReady']]);
    expect(graph.gaps[0]!.fields).toEqual(expect.arrayContaining(['AlibabaAccount.rootMfaActive', 'AlibabaAccount.rootHasAccessKey', 'AlibabaAccount.rootLastLogon', 'AlibabaAccount.credentialReport']));
    expect(account.credentialReport).toBeUndefined();
    expect(account.rootMfaActive).toBeUndefined();
  });
});
