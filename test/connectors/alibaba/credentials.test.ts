import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { resolveAlibabaCredentials } from '../../../connectors/alibaba/index.js';
import { parseIni } from '../../../connectors/alibaba/credentials/ini-file.js';

/** A stub that plays IMDS and STS AssumeRole (no signature check: that is the emulator's job). */
let server: Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${req.method} ${url.pathname}`);
    if (req.method === 'PUT' && url.pathname === '/latest/api/token') return void res.end('imds-token');
    if (url.pathname === '/latest/meta-data/ram/security-credentials/') return void res.end('auditor-role');
    if (url.pathname === '/latest/meta-data/ram/security-credentials/auditor-role') {
      if (req.headers['x-aliyun-ecs-metadata-token'] !== 'imds-token') return void res.writeHead(401).end();
      return void res.end(JSON.stringify({ Code: 'Success', AccessKeyId: 'STS.ecs', AccessKeySecret: 'ecs-secret-xyz', SecurityToken: 'ecs-token-xyz', Expiration: '2099-01-01T00:00:00Z' }));
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const params = new URLSearchParams(body || url.search);
      res.setHeader('content-type', 'application/json');
      if (params.get('Action') === 'AssumeRole') {
        if (params.get('AccessKeyId') === 'bad') {
          res.statusCode = 404;
          return void res.end(JSON.stringify({ Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' }));
        }
        return void res.end(JSON.stringify({
          RequestId: 'r',
          Credentials: { AccessKeyId: 'STS.assumed', AccessKeySecret: 'assumed-secret-xyz', SecurityToken: 'assumed-token-xyz', Expiration: '2099-01-01T00:00:00Z' },
          AssumedRoleUser: { Arn: params.get('RoleArn') },
          Echo: { RoleSessionName: params.get('RoleSessionName'), ExternalId: params.get('ExternalId') },
        }));
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ Code: 'InvalidAction.NotFound', Message: 'no' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function home(files: { config?: unknown; ini?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'assay-creds-'));
  if (files.config) {
    mkdirSync(join(dir, '.aliyun'));
    writeFileSync(join(dir, '.aliyun', 'config.json'), JSON.stringify(files.config));
  }
  if (files.ini) {
    mkdirSync(join(dir, '.alibabacloud'));
    writeFileSync(join(dir, '.alibabacloud', 'credentials'), files.ini);
  }
  return dir;
}

describe('resolveAlibabaCredentials', () => {
  it('reads the env vars (and the ALICLOUD_* aliases)', async () => {
    const c = await resolveAlibabaCredentials({ homeDir: home() }, { env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'id1', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-env-1', ALIBABA_CLOUD_SECURITY_TOKEN: 'tok-env-1' } });
    expect(c).toMatchObject({ accessKeyId: 'id1', accessKeySecret: 'secret-env-1', securityToken: 'tok-env-1', source: 'env' });
    const legacy = await resolveAlibabaCredentials({ homeDir: home() }, { env: { ALICLOUD_ACCESS_KEY: 'id2', ALICLOUD_SECRET_KEY: 'secret-env-2' } });
    expect(legacy.accessKeyId).toBe('id2');
  });

  it('never serializes or prints the secret fields', async () => {
    const c = await resolveAlibabaCredentials({ accessKeyId: 'id', accessKeySecret: 'never-print-me', securityToken: 'never-print-tok' }, { env: {} });
    expect(JSON.stringify(c)).not.toMatch(/never-print/);
    expect(inspect(c)).not.toMatch(/never-print/);
    expect({ ...c }).not.toHaveProperty('accessKeySecret');
    expect(c.accessKeySecret).toBe('never-print-me');
  });

  it('uses the current aliyun CLI profile, or a named one (AK, StsToken)', async () => {
    const config = {
      current: 'main',
      profiles: [
        { name: 'main', mode: 'AK', access_key_id: 'main-id', access_key_secret: 'main-secret', region_id: 'cn-shanghai' },
        { name: 'sts', mode: 'StsToken', access_key_id: 'sts-id', access_key_secret: 'sts-secret', sts_token: 'sts-token' },
      ],
    };
    const dir = home({ config });
    const current = await resolveAlibabaCredentials({ homeDir: dir }, { env: {} });
    expect(current).toMatchObject({ accessKeyId: 'main-id', regionId: 'cn-shanghai', source: 'profile:main (AK)' });
    const named = await resolveAlibabaCredentials({ homeDir: dir, profile: 'sts' }, { env: {} });
    expect(named).toMatchObject({ accessKeyId: 'sts-id', securityToken: 'sts-token' });
    await expect(resolveAlibabaCredentials({ homeDir: dir, profile: 'nope' }, { env: {} })).rejects.toMatchObject({ code: 'CREDENTIALS_UNAVAILABLE' });
  });

  it('assumes the role of a RamRoleArn profile through the endpoint override', async () => {
    const config = { current: 'x', profiles: [{ name: 'x', mode: 'RamRoleArn', access_key_id: 'base-id', access_key_secret: 'base-secret', ram_role_arn: 'acs:ram::222:role/audit', ram_session_name: 's1' }] };
    const c = await resolveAlibabaCredentials({ homeDir: home({ config }) }, { env: {}, endpoint: base });
    expect(c).toMatchObject({ accessKeyId: 'STS.assumed', securityToken: 'assumed-token-xyz' });
    expect(c.source).toContain('assume-role:acs:ram::222:role/audit');
  });

  it('assumes an explicit role with an external id', async () => {
    const c = await resolveAlibabaCredentials(
      { accessKeyId: 'base', accessKeySecret: 'base-secret', roleArn: 'acs:ram::333:role/scan', externalId: 'ext-1', roleSessionName: 'assay' },
      { env: {}, endpoint: base },
    );
    expect(c.accessKeyId).toBe('STS.assumed');
  });

  it('reports a rejected base key during AssumeRole as CREDENTIALS_INVALID without secrets', async () => {
    const err = await resolveAlibabaCredentials({ accessKeyId: 'bad', accessKeySecret: 'bad-secret-123', roleArn: 'acs:ram::1:role/r' }, { env: {}, endpoint: base }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect(String((err as Error).message)).not.toContain('bad-secret-123');
    expect(String((err as Error).message)).not.toContain('Signature=');
  });

  it('reads the INI credentials file (access_key and ecs_ram_role sections)', async () => {
    const ini = '[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n\n[ecs]\ntype = ecs_ram_role\nrole_name = auditor-role\n';
    expect(parseIni(ini).ecs).toEqual({ type: 'ecs_ram_role', role_name: 'auditor-role' });
    const dir = home({ ini });
    const c = await resolveAlibabaCredentials({ homeDir: dir }, { env: {} });
    expect(c).toMatchObject({ accessKeyId: 'ini-id', source: 'credentials-file:default (access_key)' });
    const ecs = await resolveAlibabaCredentials({ homeDir: dir, profile: 'ecs', imdsEndpoint: base }, { env: {} });
    expect(ecs).toMatchObject({ accessKeyId: 'STS.ecs', securityToken: 'ecs-token-xyz', source: 'ecs-ram-role:auditor-role' });
  });

  it('honours ALIBABA_CLOUD_CREDENTIALS_FILE', async () => {
    const dir = home({ ini: '[default]\naccess_key_id = f-id\naccess_key_secret = f-secret\n' });
    const c = await resolveAlibabaCredentials({ homeDir: home() }, { env: { ALIBABA_CLOUD_CREDENTIALS_FILE: join(dir, '.alibabacloud', 'credentials') } });
    expect(c.accessKeyId).toBe('f-id');
  });

  it('gets ECS RAM role credentials from IMDS (v2 token, discovered role)', async () => {
    const c = await resolveAlibabaCredentials({ ecsRamRole: true, imdsEndpoint: base }, { env: {} });
    expect(c).toMatchObject({ accessKeyId: 'STS.ecs', source: 'ecs-ram-role:auditor-role' });
    expect(seen).toContain('PUT /latest/api/token');
  });

  it('fails clearly when nothing is configured', async () => {
    await expect(resolveAlibabaCredentials({ homeDir: home() }, { env: {} })).rejects.toMatchObject({ code: 'CREDENTIALS_UNAVAILABLE' });
  });
});
