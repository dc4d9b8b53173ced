import { describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { bundledSchema } from '../../helpers/engine.js';
import { ALIBABA_PRODUCT_TYPES, productsForTypes } from '../../../connectors/alibaba/index.js';

describe('Alibaba schema', () => {
  const { schema } = bundledSchema();

  it('defines every emitted asset type with a root list field', () => {
    const query = schema.getQueryType()!.getFields();
    for (const types of Object.values(ALIBABA_PRODUCT_TYPES)) {
      for (const name of types) {
        const type = schema.getType(name);
        expect(type && isObjectType(type), name).toBe(true);
        if (!type || !isObjectType(type)) continue;
        expect(type.getInterfaces().map((i) => i.name)).toContain('Asset');
        expect(Object.keys(type.getFields())).toContain('raw');
        const root = `alibaba${name.slice('Alibaba'.length)}`;
        const plural = Object.keys(query).find((f) => f.startsWith(root.replace(/y$/, '')) && f !== root);
        expect(plural, `root field for ${name}`).toBeDefined();
      }
    }
  });

  it('keeps the fields checks depend on', () => {
    const trail = schema.getType('AlibabaActionTrail');
    expect(trail && isObjectType(trail) && Object.keys(trail.getFields())).toEqual(
      expect.arrayContaining(['trailRegion', 'eventRW', 'status', 'isLogging', 'ossBucket', 'slsProject']),
    );
    const account = schema.getType('AlibabaAccount');
    expect(account && isObjectType(account) && Object.keys(account.getFields())).toEqual(
      expect.arrayContaining(['trails', 'ossBuckets', 'slsProjects', 'passwordPolicy', 'securityCenter', 'ramUsers']),
    );
  });
});

describe('productsForTypes', () => {
  it('maps asset types and account fields to products', () => {
    expect(productsForTypes(['AlibabaActionTrail'])).toEqual(['sts', 'actiontrail']);
    expect(productsForTypes(['AlibabaEcsSecurityGroup', 'AlibabaVpc'])).toEqual(['sts', 'ecs', 'vpc']);
    expect(productsForTypes(['AlibabaAccount.passwordPolicy'])).toEqual(['sts', 'ram']);
    expect(productsForTypes(['AlibabaSecurityCenter.version'])).toEqual(['sts', 'sas']);
    expect(productsForTypes(['AlibabaAccount'])).toEqual(['sts', 'ram', 'sas']);
    expect(productsForTypes(['Unknown'])).toEqual(['sts']);
    // With field-level reads, the bare account type does not pull in RAM and Security Center.
    expect(productsForTypes(['AlibabaAccount', 'AlibabaAccount.trails', 'AlibabaActionTrail', 'AlibabaActionTrail.isLogging'])).toEqual(['sts', 'actiontrail']);
  });
});
