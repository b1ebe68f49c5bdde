/**
 * The account's IAM OIDC provider for Studio's issuer: one per URL per account, possibly made by
 * the Terraform or by another team's setup. Found and reused, never created twice.
 */
import {
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from './clients';
import { OIDC_AUDIENCE } from './iam-policies';

export interface ExistingProvider {
  arn: string;
  url: string;
  clientIds: string[];
  thumbprints: string[];
  /** False when Studio's audience (sts.amazonaws.com) is missing from the provider's client ids. */
  hasAudience: boolean;
}

const normalize = (url: string) =>
  url
    .replace(/^https:\/\//, '')
    .replace(/\/+$/, '')
    .toLowerCase();

export async function findOidcProvider(
  iam: AwsClients['iam'],
  issuer: string,
  signal?: AbortSignal,
): Promise<ExistingProvider | undefined> {
  const list = await iam.send(new ListOpenIDConnectProvidersCommand({}), { abortSignal: signal });
  const wanted = normalize(issuer);
  for (const { Arn } of list.OpenIDConnectProviderList ?? []) {
    if (!Arn || !normalize(Arn.split(':oidc-provider/')[1] ?? '').startsWith(wanted)) continue;
    const provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }), {
      abortSignal: signal,
    });
    if (normalize(provider.Url ?? '') !== wanted) continue;
    const clientIds = provider.ClientIDList ?? [];
    return {
      arn: Arn,
      url: `https://${wanted}`,
      clientIds,
      thumbprints: provider.ThumbprintList ?? [],
      hasAudience: clientIds.includes(OIDC_AUDIENCE),
    };
  }
  return undefined;
}

function trustDocument(raw: string | undefined): { Statement?: { Principal?: { Federated?: string | string[] } }[] } {
  if (!raw) return {};
  try {
    return JSON.parse(decodeURIComponent(raw));
  } catch {
    try {
      return JSON.parse(raw);
    } catch {
      return {};
    }
  }
}

/** Names of the roles whose trust policy names this provider. */
export async function rolesTrustingProvider(
  iam: AwsClients['iam'],
  providerArn: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListRolesCommand({ Marker: marker }), { abortSignal: signal });
    marker = page.IsTruncated ? page.Marker : undefined;
    for (const role of page.Roles ?? []) {
      const raw = role.AssumeRolePolicyDocument as unknown;
      const document = typeof raw === 'string' ? trustDocument(raw) : ((raw ?? {}) as ReturnType<typeof trustDocument>);
      const trusts = (document.Statement ?? []).some((statement) => {
        const federated = statement.Principal?.Federated;
        return Array.isArray(federated) ? federated.includes(providerArn) : federated === providerArn;
      });
      if (trusts && role.RoleName) names.push(role.RoleName);
    }
  } while (marker);
  return names;
}

export async function deleteOidcProvider(iam: AwsClients['iam'], arn: string, signal?: AbortSignal): Promise<void> {
  await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }), { abortSignal: signal });
}
