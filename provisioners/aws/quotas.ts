/** Reading a Service Quotas value: the account's applied value, else AWS's default. */
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';

export interface QuotaValue {
  value?: number;
  /** `unknown`: neither could be read (no Service Quotas access). */
  source: 'applied' | 'default' | 'unknown';
}

export async function readQuota(
  sq: Pick<ServiceQuotasClient, 'send'>,
  serviceCode: string,
  quotaCode: string,
  signal?: AbortSignal,
): Promise<QuotaValue> {
  const q = { ServiceCode: serviceCode, QuotaCode: quotaCode };
  try {
    const applied = await sq.send(new GetServiceQuotaCommand(q), { abortSignal: signal });
    if (applied.Quota?.Value !== undefined) return { value: applied.Quota.Value, source: 'applied' };
  } catch {
    // "If the applied quota value is not available for a quota, the quota is not retrieved": use the default.
  }
  try {
    const fallback = await sq.send(new GetAWSDefaultServiceQuotaCommand(q), { abortSignal: signal });
    if (fallback.Quota?.Value !== undefined) return { value: fallback.Quota.Value, source: 'default' };
  } catch {
    // no access to Service Quotas
  }
  return { source: 'unknown' };
}

/** The console page where the user requests an increase. */
export function quotaLink(region: string, serviceCode: string, quotaCode: string): string {
  return `https://${region}.console.aws.amazon.com/servicequotas/home/services/${serviceCode}/quotas/${quotaCode}`;
}
