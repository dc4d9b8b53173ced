import { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { Asset } from '../../engine/graph/asset.js';

export const ACCOUNT_ID = '1234567890123456';
export const ACCOUNT = `acs:ram::${ACCOUNT_ID}:root`;

/** Fields of a trail a check reads; a compliant trail unless overridden. */
export interface TrailFields {
  name: string;
  trailRegion?: string | null;
  eventRW?: string | null;
  status?: string | null;
  isLogging?: boolean | null;
  ossBucketName?: string | null;
  slsProjectArn?: string | null;
  homeRegion?: string;
}

export const COMPLIANT: Omit<TrailFields, 'name'> = {
  trailRegion: 'All',
  eventRW: 'All',
  status: 'Enable',
  isLogging: true,
  ossBucketName: 'audit-logs',
  slsProjectArn: null,
};

/** A small Alibaba-shaped graph built by hand (pure logic tests: no API involved). */
export class AlibabaGraphBuilder {
  readonly graph = new AssetGraph({ provider: 'alibaba', accountId: ACCOUNT_ID, regions: ['cn-hangzhou'] });

  constructor() {
    this.graph.addAsset(this.base(ACCOUNT, 'AlibabaAccount', null, 'test-account'));
  }

  base(id: string, type: string, region: string | null, name: string | null): Asset {
    return { id, type, provider: 'alibaba', accountId: ACCOUNT_ID, region, name, tags: [] };
  }

  trail(fields: TrailFields): Asset {
    const home = fields.homeRegion ?? 'cn-hangzhou';
    const id = `acs:actiontrail:${home}:${ACCOUNT_ID}:trail/${fields.name}`;
    const asset = this.graph.addAsset({ ...this.base(id, 'AlibabaActionTrail', home, fields.name), homeRegion: home, ...fields });
    this.graph.addEdge(ACCOUNT, 'trails', id);
    return asset;
  }

  bucket(name: string, fields: Record<string, unknown> = {}, region = 'cn-hangzhou'): Asset {
    const id = `acs:oss:*:${ACCOUNT_ID}:${name}`;
    const asset = this.graph.addAsset({ ...this.base(id, 'AlibabaOssBucket', region, name), acl: 'private', policy: null, ...fields });
    this.graph.addEdge(ACCOUNT, 'ossBuckets', id);
    return asset;
  }

  /** trail -> bucket edge, the way the connector links a trail to its delivery bucket. */
  link(from: Asset, label: string, to: Asset): this {
    this.graph.addEdge(from.id, label, to.id);
    return this;
  }
}
