import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { loadCheckSource } from '../../engine/checks/load-check.js';
import { runCheck, runChecks } from '../../engine/runner/run-checks.js';
import { queryIdentity, underAliases } from '../../engine/runner/shared-queries.js';
import type { CheckDefinition } from '../../engine/checks/check-definition.js';
import { AlibabaGraphBuilder, COMPLIANT } from '../helpers/alibaba-graph.js';
import { bundledSchema } from '../helpers/engine.js';
import { check } from '../helpers/checks.js';

const PUBLIC_BUCKETS = check(
  `# id: t-public
# title: Buckets are private
# severity: high
# scope: alibabaOssBuckets
# expect: Public eq []
# reason: "Bucket {{name}} has ACL {{acl}}"`,
  'query T { Public: alibabaOssBuckets(where: { acl: { ne: "private" } }) { ...AssetFragment acl } }',
);

describe('check results', () => {
  it('fail: one finding per violating asset, per-asset verdicts for the scope', async () => {
    const b = new AlibabaGraphBuilder();
    b.bucket('a');
    b.bucket('b', { acl: 'public-read' });
    const result = await runCheck(PUBLIC_BUCKETS, bundledSchema(), b.graph);
    expect(result.status).toBe('fail');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ checkId: 't-public', severity: 'high', reason: 'Bucket b has ACL public-read' });
    expect(result.findings[0].asset).toMatchObject({ name: 'b', type: 'AlibabaOssBucket', region: 'cn-hangzhou' });
    expect(result.assets.map((v) => [v.asset.name, v.status])).toEqual([['a', 'pass'], ['b', 'fail']]);
  });

  it('pass: every asset in scope passes', async () => {
    const b = new AlibabaGraphBuilder();
    b.bucket('a');
    const result = await runCheck(PUBLIC_BUCKETS, bundledSchema(), b.graph);
    expect(result.status).toBe('pass');
    expect(result.assets.map((v) => v.status)).toEqual(['pass']);
  });

  it('skip: an empty scope is visibly not applicable, not a pass', async () => {
    const result = await runCheck(PUBLIC_BUCKETS, bundledSchema(), new AlibabaGraphBuilder().graph);
    expect(result.status).toBe('skip');
    expect(result.message).toMatch(/Nothing in scope \(alibabaOssBuckets\)/);
  });

  it('JSONata reasons stay aligned with their assets across chunks', async () => {
    const withReason = check(
      '# id: t-r\n# title: R\n# severity: low\n# expect: Bad eq []\n# reason: { jsonata: "\'acl of \' & name & \' is \' & acl" }',
      'query T { Bad: alibabaOssBuckets(where: { acl: { ne: "private" } }) { id name acl } }',
    );
    const b = new AlibabaGraphBuilder();
    for (let i = 0; i < 2500; i++) b.bucket(`b${i}`, { acl: 'public-read' });
    const result = await runCheck(withReason, bundledSchema(), b.graph);
    expect(result.findings).toHaveLength(2500);
    expect(result.findings[2400]).toMatchObject({ asset: { name: 'b2400' }, reason: 'acl of b2400 is public-read' });
  });

  it('a JSONata reason with no generated form runs in the interpreter, over the whole list', async () => {
    // `name[]` (keep the array) is one of the forms jsonata-to-js leaves to the interpreter.
    const interpreted = check(
      '# id: t-i\n# title: I\n# severity: low\n# expect: Bad eq []\n# reason: { jsonata: "\'acl of \' & $join(name[], \'\') & \' is \' & acl" }',
      'query T { Bad: alibabaOssBuckets(where: { acl: { ne: "private" } }) { id name acl } }',
    );
    expect(interpreted.reason?.kind === 'jsonata' && interpreted.reason.perItem?.fast).toBeFalsy();
    const b = new AlibabaGraphBuilder();
    for (let i = 0; i < 1500; i++) b.bucket(`b${i}`, { acl: 'public-read' });
    const result = await runCheck(interpreted, bundledSchema(), b.graph);
    expect(result.findings).toHaveLength(1500);
    expect(result.findings[1400]).toMatchObject({ asset: { name: 'b1400' }, reason: 'acl of b1400 is public-read' });
  });

  it('manual: reports the audit steps', async () => {
    const manual = loadCheckSource('m.graphql', '# id: m\n# title: M\n# severity: low\n# manual: true\n# audit: Open the console.\n', bundledSchema()).check!;
    const result = await runCheck(manual, bundledSchema(), new AlibabaGraphBuilder().graph);
    expect(result).toMatchObject({ status: 'manual', message: 'Open the console.' });
  });

  it('a failing expectation with no violating list fails the scope assets', async () => {
    const atLeastOne = check(
      '# id: t-some\n# title: An account has a trail\n# severity: medium\n# scope: alibabaAccounts\n# expect: Trails notEmpty',
      'query T { Trails: alibabaActionTrails { name } }',
    );
    const result = await runCheck(atLeastOne, bundledSchema(), new AlibabaGraphBuilder().graph);
    expect(result.status).toBe('fail');
    expect(result.findings.map((f) => f.asset?.type)).toEqual(['AlibabaAccount']);
  });

  it('a JSONata expression that loops makes only that check error', async () => {
    const looping = check(
      '# id: t-loop\n# title: Loop\n# severity: low\n# expect: { jsonata: "($f := function($x) { $f($x) }; $f(1))" }',
      'query T { A: alibabaAccounts { id } }',
    );
    const b = new AlibabaGraphBuilder();
    b.bucket('x', { acl: 'public-read' });
    const scan = await runChecks([looping, PUBLIC_BUCKETS], { assay: bundledSchema(), graph: b.graph });
    expect(scan.checks.map((c) => c.status)).toEqual(['error', 'fail']);
    expect(scan.checks[0].message).toMatch(/JSONATA_LIMIT/);
    expect(scan.summary.checks).toMatchObject({ error: 1, fail: 1 });
    expect(scan.summary.findings.high).toBe(1);
  });
});

describe('never fail open: gaps', () => {
  const TRAILS = check(
    '# id: t-trails\n# title: Trails record all events\n# severity: high\n# scope: alibabaAccounts\n# expect: Bad eq []',
    'query T { Bad: alibabaAccounts(where: { trails: { none: { eventRW: { eq: "All" }, isLogging: { eq: true } } } }) { id } }',
  );
  const compliant = () => {
    const b = new AlibabaGraphBuilder();
    b.trail({ name: 'ok', ...COMPLIANT });
    return b;
  };

  it('the check passes on complete data', async () => {
    expect((await runCheck(TRAILS, bundledSchema(), compliant().graph)).status).toBe('pass');
  });

  it('a failed list call for a type the query reads (through an edge filter) makes it error, naming the gap', async () => {
    const b = compliant();
    b.graph.addGap({ provider: 'alibaba', product: 'actiontrail', action: 'DescribeTrails', region: 'cn-shanghai', code: 'Throttling.User', message: 'Request was denied due to user flow control.', types: ['AlibabaActionTrail'] });
    const result = await runCheck(TRAILS, bundledSchema(), b.graph);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/actiontrail:DescribeTrails in cn-shanghai failed with Throttling.User/);
    expect(result.gaps).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });

  it('a failed detail call for a field the filter reads makes it error', async () => {
    const b = compliant();
    b.graph.addGap({ provider: 'alibaba', product: 'actiontrail', action: 'GetTrailStatus', code: 'Forbidden.RAM', message: 'denied', fields: ['AlibabaActionTrail.isLogging'], permission: 'actiontrail:GetTrailStatus' });
    const result = await runCheck(TRAILS, bundledSchema(), b.graph);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/grant actiontrail:GetTrailStatus/);
  });

  it('a gap in data the check does not read leaves it alone', async () => {
    const b = compliant();
    b.graph.addGap({ provider: 'alibaba', product: 'oss', action: 'GetBucketAcl', code: 'AccessDenied', message: 'denied', types: ['AlibabaOssBucket'], fields: ['AlibabaOssBucket.acl'] });
    b.graph.addGap({ provider: 'alibaba', product: 'actiontrail', action: 'GetTrailStatus', code: 'X', message: 'x', fields: ['AlibabaActionTrail.latestDeliveryError'] });
    expect((await runCheck(TRAILS, bundledSchema(), b.graph)).status).toBe('pass');
  });

  it('a gap touching only the scope query still errors', async () => {
    const b = compliant();
    b.bucket('pub', { acl: 'public-read' });
    b.graph.addGap({ provider: 'alibaba', product: 'oss', action: 'ListBuckets', code: 'InternalError', message: 'boom', types: ['AlibabaOssBucket'] });
    expect((await runCheck(PUBLIC_BUCKETS, bundledSchema(), b.graph)).status).toBe('error');
  });

  it('JSONata filters read the whole type, so any field gap of that type touches them', async () => {
    const viaJsonata = check(
      '# id: t-j\n# title: J\n# severity: low\n# expect: Bad eq []',
      'query T { Bad: alibabaActionTrails(where: { jsonata: "eventRW != \'All\'" }) { id } }',
    );
    const b = compliant();
    b.graph.addGap({ provider: 'alibaba', product: 'actiontrail', action: 'GetTrailStatus', code: 'X', message: 'x', fields: ['AlibabaActionTrail.isLogging'] });
    expect((await runCheck(viaJsonata, bundledSchema(), b.graph)).status).toBe('error');
  });
});

describe('read sets', () => {
  it('fields read through an interface fragment count only for the types the query lists', () => {
    const c = check('# id: t-rs\n# title: RS\n# severity: low\n# expect: A eq []', 'query T { A: alibabaAccounts { ...AssetFragment trails { name } } }');
    expect([...c.reads.types].sort()).toEqual(['AlibabaAccount', 'AlibabaActionTrail']);
    expect(c.reads.fields.has('AlibabaAccount.name')).toBe(true);
    expect(c.reads.fields.has('AlibabaOssBucket.name')).toBe(false);
    const all = check('# id: t-rs2\n# title: RS\n# severity: low\n# expect: A eq []', 'query T { A: assets { ...AssetFragment } }');
    expect(all.reads.fields.has('AlibabaOssBucket.name')).toBe(true);
  });
});

describe('one traversal shared by the checks of a scan', () => {
  const twin = (id: string, alias: string, where: string): CheckDefinition =>
    check(
      `# id: ${id}\n# title: T\n# severity: low\n# scope: alibabaOssBuckets\n# expect: ${alias} eq []`,
      `query Q { ${alias}: alibabaOssBuckets(where: ${where}) { ...AssetFragment acl } }`,
    );

  it('checks selecting the same list the same way filter it once, and each still gets its own findings', async () => {
    const b = new AlibabaGraphBuilder();
    b.bucket('a');
    b.bucket('b', { acl: 'public-read' });
    const graph = b.graph;
    let listed = 0;
    const assetsOfType = graph.assetsOfType.bind(graph);
    graph.assetsOfType = (type: string) => {
      if (type === 'AlibabaOssBucket') listed++;
      return assetsOfType(type);
    };
    const where = '{ acl: { ne: "private" } }';
    const checks = [twin('t-1', 'One', where), twin('t-2', 'Two', where), twin('t-3', 'Three', '{ acl: { eq: "private" } }')];
    const scan = await runChecks(checks, { assay: bundledSchema(), graph });
    // The scope (once) and two distinct lists: t-2 reuses t-1's.
    expect(listed).toBe(3);
    expect(scan.checks.map((c) => [c.id, c.status, c.findings.map((f) => f.asset?.name)])).toEqual([
      ['t-1', 'fail', ['b']],
      ['t-2', 'fail', ['b']],
      ['t-3', 'fail', ['a']],
    ]);
    // A check run on its own (no scan to share with) gets the same answer.
    const alone = await runCheck(checks[1], bundledSchema(), graph);
    expect(alone.findings.map((f) => f.asset?.name)).toEqual(['b']);
  });

  // Streamed checks (expectation `X eq []`) share the rendering of a question and reason: they
  // hold only a slice of result objects at a time, so a second reason builds its own. Checks over
  // their whole result (here a JSONata expectation) share the one execution and its reasons.
  it.each([
    ['stream their violators: one rendering per reason', (alias: string) => `${alias} eq []`, 3],
    ['read their items: one execution and its reasons', (alias: string) => ({ jsonata: `$count(${alias}) = 0` }), 2],
  ])('checks asking the same question (other names and aliases) that %s, each under its own title', async (_name, expectOf, reads) => {
    const b = new AlibabaGraphBuilder();
    b.bucket('a');
    // Each time a query builds a result object for this bucket, its acl is read once.
    const open = b.bucket('b', { acl: 'public-read' }) as unknown as Record<string, unknown>;
    let acl = 0;
    Object.defineProperty(open, 'acl', { enumerable: true, get: () => (acl++, 'public-read') });
    const asking = (id: string, title: string, operation: string, alias: string, reason: string) =>
      check(
        `# id: ${id}\n# title: ${title}\n# severity: low\n# scope: alibabaOssBuckets\n# expect: ${JSON.stringify(expectOf(alias))}\n# reason: { jsonata: "${reason}" }`,
        `query ${operation} { ${alias}: alibabaOssBuckets(where: { acl: { ne: "private" } }) { ...AssetFragment acl } }`,
      );
    const checks = [
      asking('t-1', 'First', 'A', 'Open', "name & ' is ' & acl"),
      asking('t-2', 'Second', 'B', 'Exposed', "name & ' is ' & acl"),
      // Same question, another reason: its reasons are its own.
      asking('t-3', 'Third', 'C', 'Public', "acl = 'x' ? 'never' : ''"),
    ];
    const scan = await runChecks(checks, { assay: bundledSchema(), graph: b.graph });
    expect(scan.checks.map((c) => [c.id, c.status, c.findings.map((f) => f.reason)])).toEqual([
      ['t-1', 'fail', ['b is public-read']],
      ['t-2', 'fail', ['b is public-read']],
      // An empty reason falls back to the check's own default, with its own title.
      ['t-3', 'fail', ['AlibabaOssBucket b does not meet: Third']],
    ]);
    // The where-filter's one run, then a result object per execution (streamed: per rendering).
    expect(acl).toBe(reads);
  });
});

describe('query identity', () => {
  const doc = (source: string) => parse(source);

  it('ignores the operation name and root aliases, and nothing else', () => {
    const one = queryIdentity(doc('query A { A: alibabaOssBuckets(where: { acl: { ne: "private" } }) { id acl } }'))!;
    const two = queryIdentity(doc('query B { X: alibabaOssBuckets(where: { acl: { ne: "private" } }) { id acl } }'))!;
    const other = queryIdentity(doc('query A { A: alibabaOssBuckets(where: { acl: { eq: "private" } }) { id acl } }'))!;
    expect(one.key).toBe(two.key);
    expect(one.key).not.toBe(other.key);
    expect(underAliases({ A: [1] }, one, two)).toEqual({ X: [1] });
  });

  it('has none when positions could not line up (two root fields under one key)', () => {
    expect(queryIdentity(doc('query A { A: alibabaOssBuckets { id } A: alibabaOssBuckets { id } }'))).toBeUndefined();
  });
});
