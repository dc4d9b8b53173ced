import { describe, expect, it } from 'vitest';
// Only the public API: what another scanner would import.
import { AssetGraph, buildAssaySchema, loadCheckSource, runChecks, type SdlSource } from '../../engine/index.js';

const sdl: SdlSource[] = [
  {
    name: 'acme.graphql',
    body: `
      interface Resource { id: ID! type: String! provider: String! accountId: String! region: String name: String tags: [Label!]! }
      type Label { key: String! value: String }
      type AcmeRepo implements Resource {
        id: ID! type: String! provider: String! accountId: String! region: String name: String tags: [Label!]!
        visibility: String
        branchProtection: Boolean
        owners: [AcmeUser!]!
      }
      type AcmeUser implements Resource {
        id: ID! type: String! provider: String! accountId: String! region: String name: String tags: [Label!]!
        mfa: Boolean
      }
      type Query { repos: [AcmeRepo!]! users: [AcmeUser!]! }
    `,
  },
];

const check = `# id: acme-1
# title: Public repos have branch protection and MFA owners
# severity: critical
# scope: repos
# expect: Risky eq []
# reason: "{{name}} is {{visibility}}"
query Acme {
  Risky: repos(where: { visibility: { eq: "public" }, or: [{ branchProtection: { ne: true } }, { owners: { some: { mfa: { eq: false } } } }] }) {
    id name visibility
  }
}
`;

describe('embedding the engine', () => {
  it('runs a non-Alibaba schema, connector graph and check', async () => {
    const assay = buildAssaySchema({ sdl, assetInterface: 'Resource' });
    const graph = new AssetGraph({ provider: 'acme', accountId: 'org-1' });
    const base = { provider: 'acme', accountId: 'org-1', region: null, tags: [] };
    graph.addAsset({ ...base, id: 'u1', type: 'AcmeUser', name: 'alice', mfa: true });
    graph.addAsset({ ...base, id: 'u2', type: 'AcmeUser', name: 'bob', mfa: false });
    graph.addAsset({ ...base, id: 'r1', type: 'AcmeRepo', name: 'site', visibility: 'public', branchProtection: true });
    graph.addAsset({ ...base, id: 'r2', type: 'AcmeRepo', name: 'tools', visibility: 'public', branchProtection: true });
    graph.addAsset({ ...base, id: 'r3', type: 'AcmeRepo', name: 'secret', visibility: 'private', branchProtection: false });
    graph.addEdge('r1', 'owners', 'u1');
    graph.addEdge('r2', 'owners', 'u1');
    graph.addEdge('r2', 'owners', 'u2');

    const loaded = loadCheckSource('acme/acme-1.graphql', check, assay);
    expect(loaded.errors).toEqual([]);
    const result = await runChecks([loaded.check!], { assay, graph });
    const [only] = result.checks;
    expect(only.status).toBe('fail');
    expect(only.findings.map((f) => [f.asset?.id, f.reason])).toEqual([['r2', 'tools is public']]);
    expect(only.assets.map((a) => `${a.asset.id}:${a.status}`)).toEqual(['r1:pass', 'r2:fail', 'r3:pass']);
    expect(result.summary.findings.critical).toBe(1);
    expect(result.source).toMatchObject({ provider: 'acme', accountId: 'org-1', assets: 5 });
  });

  it('a schema without the asset interface is a clear error', () => {
    expect(() => buildAssaySchema({ sdl, assetInterface: 'Asset' })).toThrow(/no "Asset" interface/);
  });

  it('an SDL error names the file and position', () => {
    expect(() => buildAssaySchema({ sdl: [{ name: 'bad.graphql', body: 'type Query {\n  x: Nope\n}' }] })).toThrow(/Unknown type "Nope"/);
    try {
      buildAssaySchema({ sdl: [{ name: 'bad.graphql', body: 'type Query {\n  x: Int\n' }] });
    } catch (error) {
      expect((error as { location: string }).location).toBe('bad.graphql:3:1');
    }
  });
});
