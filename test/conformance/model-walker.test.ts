import { describe, expect, it } from 'vitest';
import { ENUM_FIELDS, valuesAt } from './enum-fields.js';
import { walkModel } from './model-walker.js';
import { loadModel } from './tea-model.js';

/** The walker against real official models: each class of mistake the conformance test must catch. */
const ecsInstances = loadModel({ pkg: '@alicloud/ecs20140526', className: 'DescribeInstancesResponseBody' });
const csDetail = loadModel({ pkg: '@alicloud/cs20151215', className: 'DescribeClusterDetailResponseBody' });
const problems = (value: unknown, model = ecsInstances, xml = false) => walkModel(value, model, { xml }).mismatches.map((m) => `${m.path}: ${m.kind}`);

describe('walkModel', () => {
  it('accepts an answer as the model declares it, XML-style wrappers included', () => {
    const ok = { RequestId: 'r', TotalCount: 1, Instances: { Instance: [{ InstanceId: 'i-1', VpcAttributes: { VpcId: 'vpc-1', PrivateIpAddress: { IpAddress: ['10.0.0.1'] } } }] } };
    const r = walkModel(ok, ecsInstances);
    expect(r.mismatches).toEqual([]);
    expect(r.fieldsChecked).toBe(5);
  });

  it('names an unknown field and a field in the wrong case', () => {
    expect(problems({ TotalCount: 1, Instances: { Instance: [{ InstanceID: 'i-1', Colour: 'red' }] } })).toEqual(['Instances.Instance[0].InstanceID: unknown-field', 'Instances.Instance[0].Colour: unknown-field']);
    expect(walkModel({ totalCount: 1 }, ecsInstances).mismatches[0]?.message).toContain('the model spells it TotalCount');
  });

  it('catches wrong types and wrong nesting (a bare array where the model has a wrapper, and the reverse)', () => {
    expect(problems({ TotalCount: '1' })).toEqual(['TotalCount: wrong-type']);
    expect(problems({ Instances: [{ InstanceId: 'i-1' }] })).toEqual(['Instances: wrong-type']);
    expect(problems({ Instances: { Instance: { InstanceId: 'i-1' } } })).toEqual(['Instances.Instance: wrong-type']);
  });

  it('catches CS meta_data / master_url sent as objects (the model has JSON strings)', () => {
    expect(problems({ cluster_id: 'c', meta_data: { AuditProjectName: 'p' }, master_url: { api_server_endpoint: 'https://x' } }, csDetail)).toEqual(['meta_data: wrong-type', 'master_url: wrong-type']);
    expect(problems({ cluster_id: 'c', meta_data: '{"AuditProjectName":"p"}', master_url: '{}' }, csDetail)).toEqual([]);
  });

  it('reads XML leaves as text and a single repeated element as a one-item array', () => {
    const bucketInfo = loadModel({ pkg: '@alicloud/oss20190517', className: 'BucketInfo' });
    expect(problems({ Bucket: { Name: 'b', Owner: { ID: '1' }, AccessControlList: { Grant: 'private' } } }, bucketInfo, true)).toEqual([]);
    expect(problems({ TotalCount: '3', Instances: { Instance: { InstanceId: 'i-1' } } }, ecsInstances, true)).toEqual([]);
    expect(problems({ TotalCount: 'three' }, ecsInstances, true)).toEqual(['TotalCount: wrong-type']);
  });
});

describe('enum fields', () => {
  it('finds a SAS log category the model does not have (network) and passes host/security', () => {
    const field = ENUM_FIELDS['sas:DescribeLogMeta']!.find((f) => f.path === 'LogMetaList[].Category')!;
    const answer = { LogMetaList: [{ Category: 'host' }, { Category: 'security' }, { Category: 'network' }] };
    expect(valuesAt(answer, field.path).filter((v) => !field.values.includes(v.value as string))).toEqual([{ at: 'LogMetaList[2].Category', value: 'network' }]);
  });
});
