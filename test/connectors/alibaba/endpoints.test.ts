import { describe, expect, it } from 'vitest';
import { defaultEndpoint } from '../../../connectors/alibaba/endpoints.js';

/** Hosts as the official SDKs' endpoint maps define them (rds20140815, cloudfw20171207, sas20181203). */
describe('default endpoints', () => {
  it('RDS: central for the mainland, Hong Kong and finance regions the SDK lists, regional elsewhere', () => {
    expect(defaultEndpoint('rds', 'cn-hangzhou')).toBe('https://rds.aliyuncs.com');
    expect(defaultEndpoint('rds', 'cn-shenzhen-finance-1')).toBe('https://rds.aliyuncs.com');
    expect(defaultEndpoint('rds', 'cn-beijing-finance-1')).toBe('https://rds.aliyuncs.com');
    expect(defaultEndpoint('rds', 'cn-shanghai-finance-1')).toBe('https://rds.aliyuncs.com');
    expect(defaultEndpoint('rds', 'cn-hangzhou-finance')).toBe('https://rds-vpc.cn-hangzhou-finance.aliyuncs.com');
    expect(defaultEndpoint('rds', 'cn-heyuan')).toBe('https://rds.aliyuncs.com');
    expect(defaultEndpoint('rds', 'eu-central-1')).toBe('https://rds.eu-central-1.aliyuncs.com');
  });

  it('Cloud Firewall: the SDK hosts for cn-hangzhou and Singapore, the central endpoint for the rest', () => {
    expect(defaultEndpoint('cloudfw', 'cn-hangzhou')).toBe('https://cloudfw.cn-hangzhou.aliyuncs.com');
    expect(defaultEndpoint('cloudfw', 'ap-southeast-1')).toBe('https://cloudfw.ap-southeast-1.aliyuncs.com');
    expect(defaultEndpoint('cloudfw', 'ap-southeast-3')).toBe('https://cloudfw.ap-southeast-1.aliyuncs.com');
    expect(defaultEndpoint('cloudfw', 'cn-shanghai')).toBe('https://cloudfw.aliyuncs.com');
    expect(defaultEndpoint('cloudfw', 'eu-central-1')).toBe('https://cloudfw.aliyuncs.com');
  });

  it('Security Center: cn-* (Hong Kong too) on Shanghai, the rest on Singapore', () => {
    expect(defaultEndpoint('sas', 'cn-hongkong')).toBe('https://tds.cn-shanghai.aliyuncs.com');
    expect(defaultEndpoint('sas', 'cn-shanghai-finance-1')).toBe('https://tds.cn-shanghai.aliyuncs.com');
    expect(defaultEndpoint('sas', 'ap-southeast-1')).toBe('https://tds.ap-southeast-1.aliyuncs.com');
  });
});
