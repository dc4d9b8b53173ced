import type { RpcProduct } from '../handler.js';
import { actiontrail } from './actiontrail.js';
import { cloudfw } from './cloudfw.js';
import { ddoscoo } from './ddoscoo.js';
import { ecs } from './ecs.js';
import { ims } from './ims.js';
import { kms } from './kms.js';
import { ram } from './ram.js';
import { rds } from './rds.js';
import { resourcemanager } from './resourcemanager.js';
import { sas } from './sas.js';
import { sts } from './sts.js';
import { vpc } from './vpc.js';
import { waf } from './waf.js';
import { waf2 } from './waf2.js';

/** RPC products; each API version is unique, so `Version` alone routes a request. */
export const RPC_PRODUCTS: RpcProduct[] = [sts, actiontrail, ecs, vpc, ram, ims, rds, kms, sas, ddoscoo, waf, waf2, cloudfw, resourcemanager];
export const RPC_BY_VERSION = new Map(RPC_PRODUCTS.map((p) => [p.version, p]));
export const REST_PRODUCTS = ['cs', 'oss', 'sls'];
