/**
 * Fields an installed model package predates, by model class name, each from Alibaba's current
 * OpenAPI metadata (acs-metadata en_us/<product>/<version>/api-docs.json, commit b3c749cc). Only
 * the two packages whose newest npm release is older than the API need this: oss20190517 1.0.6
 * (see oss-models.ts) and kms20160120 1.2.0 (the 2019 rpc-client generation).
 */
import { OSS_AMENDMENTS } from './oss-models.js';
import type { TeaType } from './tea-model.js';

export const MODEL_AMENDMENTS: Record<string, Record<string, TeaType>> = {
  ...OSS_AMENDMENTS,
  // kms 2016-01-20 DescribeKey KeyMetadata: DeletionProtection (Enabled/Disabled), DKMSInstanceId.
  DescribeKeyResponseKeyMetadata: { DeletionProtection: 'string', DKMSInstanceId: 'string' },
};
