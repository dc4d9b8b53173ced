import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CredentialStore, type Identity } from './auth.js';
import { ApiError, apiError, HTML_502, ossErrorBody, popErrorBody, requestId } from './errors.js';
import { FaultInjector } from './faults.js';
import { isReply, type Call, type Handler, type Reply, type RpcProduct } from './handler.js';
import { CsError, csRoute, type RestRoute } from './products/cs.js';
import { RPC_BY_VERSION, RPC_PRODUCTS } from './products/index.js';
import { findBucket, ossEndpointError, ossRoute } from './products/oss.js';
import { slsRoute } from './products/sls.js';
import { hostname, ossHost, slsHost, stripPrefix } from './routing.js';
import { ossV1Signature, ossV1StringToSign, ossV4Signature, parseOssV4 } from './signing/oss.js';
import { roaSignature, roaStringToSign } from './signing/roa.js';
import { rpcSignature, rpcStringToSign } from './signing/rpc-v1.js';
import { slsSignature, slsStringToSign } from './signing/sls.js';
import { limitFor, Throttle } from './throttle.js';
import type { EmulatorOptions, EmulatorStats, FaultRule, Obj, RunningEmulator, World } from './types.js';

type Protocol = 'rpc' | 'roa' | 'oss' | 'sls';

/** The content type each protocol answers with (what a client library keys its parsing on). */
const contentTypeOf = (protocol: Protocol): string => (protocol === 'oss' ? 'application/xml' : protocol === 'sls' ? 'application/json' : 'application/json;charset=utf-8');

/** A gateway error page for statuses other than 502 (Tengine's shape). */
const htmlErrorPage = (status: number): string => {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n`;
};

/** Everything known about a request once it is routed. */
interface Routed {
  protocol: Protocol;
  product: string;
  display: string;
  action: string;
  region: string;
  hostId: string;
  denyCode: string;
  /** RAM action prefix for AccessDeniedDetail.AuthAction (default: the product name). */
  ramCode?: string;
  handler?: Handler;
  call: Omit<Call, 'identity'>;
  verify: () => Identity;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/** POP auth codes rephrased as OSS/SLS say them (so each client sees its product's own errors). */
const REST_AUTH: Record<'oss' | 'sls', Record<string, [number, string, string]>> = {
  oss: {
    'InvalidAccessKeyId.NotFound': [403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.'],
    'InvalidAccessKeyId.Inactive': [403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided is disabled.'],
    SignatureDoesNotMatch: [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'],
    'InvalidTimeStamp.Expired': [403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'],
    'InvalidTimeStamp.Format': [403, 'AccessDenied', 'Invalid date value in header.'],
    'InvalidSecurityToken.MismatchWithAccessKey': [403, 'InvalidSecurityToken', 'The security token you provided is invalid.'],
    'InvalidSecurityToken.Expired': [403, 'SecurityTokenExpired', 'The security token you provided has expired.'],
    MissingSecurityToken: [403, 'InvalidAccessKeyId', 'The security token you provided is invalid.'],
  },
  sls: {
    'InvalidAccessKeyId.NotFound': [401, 'InvalidAccessKeyId', 'The AccessKeyId is invalid.'],
    'InvalidAccessKeyId.Inactive': [401, 'InvalidAccessKeyId', 'The AccessKeyId is disabled.'],
    SignatureDoesNotMatch: [401, 'SignatureNotMatch', 'Signature not matched.'],
    'InvalidTimeStamp.Expired': [400, 'RequestTimeTooSkewed', 'The difference between the request time and the server time is too large.'],
    'InvalidTimeStamp.Format': [400, 'RequestTimeTooSkewed', 'Invalid date header.'],
    'InvalidSecurityToken.MismatchWithAccessKey': [401, 'Unauthorized', 'The security token you provided is invalid.'],
    'InvalidSecurityToken.Expired': [401, 'SecurityTokenExpired', 'The security token you provided has expired.'],
    MissingSecurityToken: [401, 'Unauthorized', 'The security token is missing.'],
  },
};

export class EmulatorServer {
  private readonly server: Server;
  private readonly store: CredentialStore;
  private readonly throttle: Throttle;
  private readonly faults: FaultInjector;
  private readonly held = new Set<Socket>();
  private readonly clock: () => number;
  private readonly limits: Record<string, number>;
  private readonly counters: EmulatorStats = { calls: {}, throttled: 0, faultsInjected: 0, authFailures: 0 };
  private readonly defaultRegion: string;

  constructor(private readonly world: World, private readonly options: EmulatorOptions) {
    this.clock = options.clock ?? Date.now;
    this.store = new CredentialStore(world, this.clock);
    this.throttle = new Throttle(this.clock);
    this.faults = new FaultInjector([...(world.faults ?? []), ...(options.faults ?? [])], options.seed ?? 1);
    this.limits = { ...(world.limits ?? {}), ...(options.qps ?? {}) };
    this.defaultRegion = String(world.account.HomeRegion ?? world.regions?.[0]?.RegionId ?? 'cn-hangzhou');
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        // A bug in the emulator itself: answer plainly rather than hang the client.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`emulator error: ${(e as Error).message}`);
      });
    });
    this.server.keepAliveTimeout = 5000;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<RunningEmulator> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const addr = this.server.address();
    const actual = typeof addr === 'object' && addr ? addr.port : port;
    return {
      url: `http://${host}:${actual}`,
      port: actual,
      stats: () => JSON.parse(JSON.stringify(this.counters)) as EmulatorStats,
      setFaults: (rules: FaultRule[]) => this.faults.set(rules),
      close: () => this.close(),
    };
  }

  private async close(): Promise<void> {
    for (const s of this.held) s.destroy();
    this.held.clear();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closing;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const rid = requestId();
    let routed: Routed | undefined;
    let protocol: Protocol = 'rpc';
    try {
      routed = this.route(req, body);
      protocol = routed.protocol;
      const key = `${routed.product}:${routed.action}`;
      this.counters.calls[key] = (this.counters.calls[key] ?? 0) + 1;
      let identity: Identity;
      try {
        identity = routed.verify();
      } catch (e) {
        this.counters.authFailures++;
        throw e;
      }
      const fault = this.faults.pick({ product: routed.product, action: routed.action, region: routed.region });
      if (fault) {
        this.counters.faultsInjected++;
        const done = await this.applyFault(fault, routed, req, res, rid);
        if (done) return;
      }
      const limit = limitFor(routed.product, routed.action, routed.region, this.limits);
      const t = this.throttle.take(limit.key, limit.qps);
      if (!t.ok) {
        this.counters.throttled++;
        throw this.throttleError(routed, t.retryAfterMs);
      }
      if (!routed.handler) throw apiError(404, 'InvalidAction.NotFound');
      const out = routed.handler({ ...routed.call, identity });
      await this.send(res, routed, rid, isReply(out) ? out : { body: out });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      await this.sendError(res, routed, protocol, rid, e);
    }
  }

  /** Detects the protocol from the Authorization header (or RPC params) and resolves product/action/region. */
  private route(req: IncomingMessage, body: string): Routed {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const prefix = stripPrefix(rawPath);
    const query: [string, string][] = [...url.searchParams.entries()];
    const auth = header(req, 'authorization') ?? '';
    const method = (req.method ?? 'GET').toUpperCase();
    const host = hostname(header(req, 'host'));
    if (auth.startsWith('OSS ') || auth.startsWith('OSS4-HMAC-SHA256') || header(req, 'x-oss-date')) return this.routeOss(req, method, prefix, query, host, auth);
    if (auth.startsWith('LOG ') || header(req, 'x-log-apiversion')) return this.routeSls(req, method, prefix, query, host, auth);
    if (auth.startsWith('acs ')) return this.routeRoa(req, method, prefix, query, auth);
    const params: Record<string, string> = Object.fromEntries(query);
    if (method === 'POST' && (header(req, 'content-type') ?? '').includes('application/x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    return this.routeRpc(method, prefix, params);
  }

  private baseCall(region: string, params: Record<string, string>, extra: Partial<Call> = {}): Omit<Call, 'identity'> {
    return { world: this.world, region, params, store: this.store, now: this.clock, segments: [], ...extra };
  }

  private routeRpc(method: string, prefix: ReturnType<typeof stripPrefix>, params: Record<string, string>): Routed {
    if (!params.Action) throw apiError(400, 'MissingParameter', 'The input parameter "Action" that is mandatory for processing this request is not supplied.');
    if (!params.Version) throw apiError(400, 'MissingParameter', 'The input parameter "Version" that is mandatory for processing this request is not supplied.');
    const product: RpcProduct | undefined = RPC_BY_VERSION.get(params.Version);
    if (!product || (prefix.product && prefix.product !== 'rpc' && prefix.product !== product.name)) throw apiError(400, 'InvalidVersion');
    const region = params.RegionId || prefix.region || this.defaultRegion;
    const handler = product.actions[params.Action];
    if (!handler) throw apiError(404, 'InvalidAction.NotFound');
    return {
      protocol: 'rpc',
      product: product.name,
      display: product.display,
      action: params.Action,
      region,
      hostId: product.host(region),
      denyCode: product.denyCode ?? 'Forbidden.RAM',
      ...(product.ramCode ? { ramCode: product.ramCode } : {}),
      handler,
      call: this.baseCall(region, params, prefix.region ? { endpointRegion: prefix.region } : {}),
      verify: () => {
        if (!params.Signature) throw apiError(400, 'IncompleteSignature');
        const id = this.store.lookup(params.AccessKeyId);
        if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(params.Timestamp ?? '')) throw apiError(400, 'InvalidTimeStamp.Format');
        this.store.checkTime(Date.parse(params.Timestamp!));
        const sts = rpcStringToSign(method, params);
        if (rpcSignature(id.secret, sts) !== params.Signature) throw apiError(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${sts}`);
        this.store.checkNonce(id.AccessKeyId, params.SignatureNonce);
        this.store.checkToken(id, params.SecurityToken);
        return id;
      },
    };
  }

  private routeRoa(req: IncomingMessage, method: string, prefix: ReturnType<typeof stripPrefix>, query: [string, string][], auth: string): Routed {
    const params = Object.fromEntries(query);
    const segments = prefix.path.split('/').filter(Boolean).map(decodeURIComponent);
    const version = header(req, 'x-acs-version');
    if (version && version !== '2015-12-15') throw apiError(400, 'InvalidVersion');
    const route: RestRoute | undefined = csRoute(method, segments);
    const call = this.baseCall(this.defaultRegion, params, { segments });
    const region = params.region_id || route?.region?.({ ...call, identity: undefined as never }) || prefix.region || this.defaultRegion;
    call.region = region;
    return {
      protocol: 'roa',
      product: 'cs',
      display: 'CS',
      action: route?.action ?? `${method} ${prefix.path}`,
      region,
      hostId: `cs.${region}.aliyuncs.com`,
      denyCode: 'Forbidden.RAM',
      ...(route ? { handler: route.handler } : {}),
      call,
      verify: () => {
        const m = /^acs ([^:]+):(.+)$/.exec(auth);
        if (!m) throw apiError(400, 'IncompleteSignature');
        const id = this.store.lookup(m[1]);
        this.store.checkTime(Date.parse(header(req, 'date') ?? ''));
        const sts = roaStringToSign(method, prefix.path, query, req.headers);
        if (roaSignature(id.secret, sts) !== m[2]) throw apiError(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${sts}`);
        this.store.checkNonce(id.AccessKeyId, header(req, 'x-acs-signature-nonce'));
        this.store.checkToken(id, header(req, 'x-acs-security-token'));
        return id;
      },
    };
  }

  private routeOss(req: IncomingMessage, method: string, prefix: ReturnType<typeof stripPrefix>, query: [string, string][], host: string, auth: string): Routed {
    const fromHost = ossHost(host);
    const segments = prefix.path.split('/').filter(Boolean).map(decodeURIComponent);
    // Path-style (`sldEnable`) when the Host does not name a bucket.
    const bucket = fromHost.bucket ?? segments[0];
    const object = fromHost.bucket ? segments.join('/') : segments.slice(1).join('/');
    const params = Object.fromEntries(query);
    const route = ossRoute(method, bucket, params);
    const call = this.baseCall(this.defaultRegion, params, { segments, ...(bucket ? { bucket } : {}) });
    const region = route?.region?.({ ...call, identity: undefined as never }) ?? fromHost.region ?? prefix.region ?? this.defaultRegion;
    call.region = region;
    const endpointRegion = fromHost.region ?? prefix.region;
    const handler: Handler | undefined = route
      ? (c) => {
          // Real OSS refuses a bucket addressed through another region's endpoint.
          if (route.needsBucket && endpointRegion) {
            const b = findBucket(c);
            if (String(b.Location) !== `oss-${endpointRegion}`) throw ossEndpointError(b);
          }
          return route.handler(c);
        }
      : undefined;
    return {
      protocol: 'oss',
      product: 'oss',
      display: 'Oss',
      action: route?.action ?? `${method} ${prefix.path}`,
      region,
      hostId: bucket ? `${bucket}.oss-${region}.aliyuncs.com` : `oss-${region}.aliyuncs.com`,
      denyCode: 'AccessDenied',
      ...(handler ? { handler } : {}),
      call,
      verify: () => {
        if (!auth) throw apiError(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.');
        const resource = bucket ? `/${bucket}/${object}` : '/';
        const v4 = parseOssV4(auth);
        if (auth.startsWith('OSS4-HMAC-SHA256')) {
          if (!v4) throw apiError(400, 'InvalidArgument', 'Authorization header is invalid.');
          const id = this.store.lookup(v4.accessKeyId);
          const d = header(req, 'x-oss-date') ?? '';
          const iso = d.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
          this.store.checkTime(Date.parse(iso));
          if (ossV4Signature(id.secret, v4, method, resource, query, req.headers) !== v4.signature) throw apiError(400, 'SignatureDoesNotMatch');
          this.store.checkToken(id, header(req, 'x-oss-security-token'));
          return id;
        }
        const m = /^OSS ([^:]+):(.+)$/.exec(auth);
        if (!m) throw apiError(400, 'InvalidArgument', 'Authorization header is invalid.');
        const id = this.store.lookup(m[1]);
        this.store.checkTime(Date.parse(header(req, 'x-oss-date') ?? header(req, 'date') ?? ''));
        const sts = ossV1StringToSign(method, resource, query, req.headers);
        if (ossV1Signature(id.secret, sts) !== m[2]) throw apiError(400, 'SignatureDoesNotMatch', undefined, { StringToSign: sts });
        this.store.checkToken(id, header(req, 'x-oss-security-token'));
        return id;
      },
    };
  }

  private routeSls(req: IncomingMessage, method: string, prefix: ReturnType<typeof stripPrefix>, query: [string, string][], host: string, auth: string): Routed {
    const fromHost = slsHost(host);
    const segments = prefix.path.split('/').filter(Boolean).map(decodeURIComponent);
    const project = fromHost.project;
    const params = Object.fromEntries(query);
    const route = slsRoute(method, segments, project);
    const endpointRegion = fromHost.region ?? prefix.region;
    const call = this.baseCall(this.defaultRegion, params, { segments, ...(project ? { project } : {}), ...(endpointRegion ? { endpointRegion } : {}) });
    const region = route?.region?.({ ...call, identity: undefined as never }) ?? endpointRegion ?? this.defaultRegion;
    call.region = region;
    return {
      protocol: 'sls',
      product: 'sls',
      display: 'Sls',
      action: route?.action ?? `${method} ${prefix.path}`,
      region,
      hostId: project ? `${project}.${region}.log.aliyuncs.com` : `${region}.log.aliyuncs.com`,
      denyCode: 'Unauthorized',
      ...(route ? { handler: route.handler } : {}),
      call,
      verify: () => {
        const m = /^LOG ([^:]+):(.+)$/.exec(auth);
        if (!m) throw apiError(401, 'Unauthorized', 'Authorization header is missing or malformed.');
        const id = this.store.lookup(m[1]);
        this.store.checkTime(Date.parse(header(req, 'date') ?? ''));
        const sts = slsStringToSign(method, prefix.path, query, req.headers);
        if (slsSignature(id.secret, sts, header(req, 'x-log-signaturemethod') ?? 'hmac-sha1') !== m[2]) throw apiError(400, 'SignatureDoesNotMatch');
        this.store.checkToken(id, header(req, 'x-acs-security-token'));
        return id;
      },
    };
  }

  private throttleError(r: Routed, retryAfterMs: number): ApiError {
    const headers = { 'x-acs-retry-after': String(Math.max(1, retryAfterMs)) };
    if (r.product === 'kms') return new ApiError(429, 'Rejected.Throttling', 'QPS Limit Exceeded', { HttpStatus: 429 }, headers);
    return new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.', {}, headers);
  }

  /** Returns true when the fault produced the whole outcome (nothing more to send). */
  private async applyFault(f: FaultRule, r: Routed, req: IncomingMessage, res: ServerResponse, rid: string): Promise<boolean> {
    switch (f.kind) {
      case 'latency':
        await sleep(f.latencyMs ?? 1000);
        return false;
      case 'throttle':
        this.counters.throttled++;
        throw this.throttleError(r, 1000);
      case 'error': {
        const status = f.status ?? (f.code === 'ServiceUnavailable' ? 503 : 500);
        const code = f.code ?? (status === 503 ? 'ServiceUnavailable' : 'InternalError');
        throw apiError(status, code);
      }
      case 'http502':
      case 'html': {
        await this.delay();
        const status = f.kind === 'http502' ? 502 : f.status ?? 502;
        res.writeHead(status, { 'content-type': 'text/html', server: 'Tengine' });
        res.end(status === 502 ? HTML_502 : htmlErrorPage(status));
        return true;
      }
      case 'empty':
        await this.delay();
        res.writeHead(200, { 'content-type': contentTypeOf(r.protocol), 'content-length': '0' });
        res.end();
        return true;
      case 'shapeless': {
        await this.delay();
        const body = r.protocol === 'oss' ? '<?xml version="1.0" encoding="UTF-8"?>\n<Result></Result>' : '{}';
        res.writeHead(200, { 'content-type': contentTypeOf(r.protocol), 'content-length': String(Buffer.byteLength(body)), ...(r.protocol === 'oss' ? { 'x-oss-request-id': rid } : {}) });
        res.end(body);
        return true;
      }
      case 'timeout':
        // Never answer; close() destroys the socket so the emulator can always shut down.
        this.held.add(req.socket);
        req.socket.once('close', () => this.held.delete(req.socket));
        return true;
      case 'reset': {
        const s = req.socket as Socket & { resetAndDestroy?: () => void };
        if (s.resetAndDestroy) s.resetAndDestroy();
        else s.destroy();
        return true;
      }
      case 'deny': {
        const detail = {
          AuthAction: `${r.ramCode ?? r.product}:${r.action}`,
          AuthPrincipalType: 'SubUser',
          AuthPrincipalOwnerId: this.world.account.AccountId,
          AuthPrincipalDisplayName: 'emulator',
          NoPermissionType: 'ImplicitDeny',
          PolicyType: 'AccountLevelIdentityBasedPolicy',
          EncodedDiagnosticMessage: Buffer.from(`deny ${r.product}:${r.action}`).toString('base64'),
        };
        const code = f.code ?? r.denyCode;
        const status = f.status ?? (r.protocol === 'sls' ? 401 : 403);
        const message = r.protocol === 'oss' ? 'You have no right to access this object.' : r.protocol === 'sls' ? `denied by sts or ram, action: log:${r.action}` : apiError(403, code).message;
        throw apiError(status, code, message, r.protocol === 'rpc' || r.protocol === 'roa' ? { AccessDeniedDetail: detail } : {});
      }
    }
  }

  private delay(): Promise<void> {
    return this.options.latencyMs ? sleep(this.options.latencyMs) : Promise.resolve();
  }

  private async send(res: ServerResponse, r: Routed, rid: string, reply: Reply): Promise<void> {
    await this.delay();
    const status = reply.status ?? 200;
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let text: string;
    if (r.protocol === 'rpc') {
      // RequestId first, as in real bodies; never a Code outside pop-core's success list.
      const out = reply.body as Obj;
      // pop-core throws on any other Code, so such a body would be a world-file bug, not a success.
      if ('Code' in out && ![200, '200', 'OK', 'Success', 'success'].includes(out.Code as string)) throw new Error(`success body of ${r.product}:${r.action} carries Code ${String(out.Code)}`);
      text = JSON.stringify({ RequestId: rid, ...out });
      headers['content-type'] = 'application/json;charset=utf-8';
      headers['x-acs-request-id'] = rid;
    } else if (r.protocol === 'roa') {
      text = JSON.stringify(reply.body);
      headers['content-type'] = 'application/json;charset=utf-8';
      headers['x-acs-request-id'] = rid;
    } else if (r.protocol === 'oss') {
      text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      headers['content-type'] = reply.contentType ?? 'application/xml';
      headers['x-oss-request-id'] = rid;
      headers.server = 'AliyunOSS';
    } else {
      text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      headers['content-type'] = 'application/json';
      headers['x-log-requestid'] = rid;
    }
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(status, headers);
    res.end(text);
  }

  private async sendError(res: ServerResponse, r: Routed | undefined, protocol: Protocol, rid: string, err: ApiError): Promise<void> {
    await this.delay();
    if (res.headersSent || res.destroyed) return;
    const product = r?.display ?? 'POP';
    const hostId = r?.hostId ?? 'emulator';
    let status = err.status;
    let text: string;
    const headers: Record<string, string> = { ...err.headers };
    if (protocol === 'oss' || protocol === 'sls') {
      const mapped = REST_AUTH[protocol][err.code];
      const e = mapped ? new ApiError(mapped[0], mapped[1], mapped[2], err.extra, err.headers) : err;
      status = e.status;
      if (protocol === 'oss') {
        text = ossErrorBody(e, rid, hostId);
        headers['content-type'] = 'application/xml';
        headers['x-oss-request-id'] = rid;
        headers['x-oss-ec'] = String(e.extra.EC ?? '0003-00000001');
        headers.server = 'AliyunOSS';
      } else {
        text = JSON.stringify({ errorCode: e.code, errorMessage: e.message });
        headers['content-type'] = 'application/json';
        headers['x-log-requestid'] = rid;
      }
    } else if (err instanceof CsError) {
      text = JSON.stringify({ code: err.code, message: err.message, requestId: rid, status: err.status });
      headers['content-type'] = 'application/json;charset=utf-8';
    } else {
      const body = popErrorBody(err, rid, hostId, product);
      if (r?.product === 'kms') body.HttpStatus = status;
      text = JSON.stringify(body);
      headers['content-type'] = 'application/json;charset=utf-8';
      headers['x-acs-request-id'] = rid;
    }
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(status, headers);
    res.end(text);
  }
}

export { RPC_PRODUCTS };
