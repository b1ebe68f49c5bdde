/**
 * The clients a provisioner or a handler gets, from the session's pool (credentials never leave
 * the main process). Each is made on first use, so a call that never touches EKS never loads it,
 * and reused by every later call of the same session and region.
 */
import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { AwsClients } from '../../../provisioners/aws/clients';
import type { AwsClientPool, AwsService, ClientOf } from './client-pool';
import { sharedHttp, type HttpOptions } from './http-handler';
import type { AwsSession } from './session';

/** A client-shaped object whose client is made on first use (for code that may never call it). */
export function lazy<T extends { send: (...args: never[]) => Promise<unknown> }>(
  make: () => Promise<T>,
): Pick<T, 'send'> {
  let client: Promise<T> | undefined;
  return {
    send: (async (...args: never[]) => {
      client ??= make().catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      return (await client).send(...args);
    }) as T['send'],
  };
}

/** A provisioner's clients for one region, each made when first used. */
export function provisionerClients(pool: AwsClientPool, region: string): AwsClients {
  const one = <S extends AwsService>(service: S) => lazy(() => pool.client(service, region) as Promise<ClientOf<S>>);
  return {
    cloudformation: one('cloudformation'),
    iam: one('iam'),
    ec2: one('ec2'),
    serviceQuotas: one('serviceQuotas'),
    eks: one('eks'),
  };
}

/** Clients for a long operation: the session stays open until `destroy` says it ended. */
export function awsClients(session: AwsSession, region: string): AwsClients & { destroy(): void } {
  const release = session.clients.lease();
  return { ...provisionerClients(session.clients, region), destroy: release };
}

/** Run `use` with a provisioner's clients for one region. */
export function withAwsClients<T>(
  session: AwsSession,
  region: string,
  use: (clients: AwsClients) => Promise<T>,
): Promise<T> {
  return session.clients.use((pool) => use(provisionerClients(pool, region)));
}

/** Per-region clients of one session, for discovery (which touches several regions). */
export class RegionalClients {
  constructor(private readonly pool: AwsClientPool) {}

  s3(region?: string) {
    return this.pool.client('s3', region);
  }
  ec2(region?: string) {
    return this.pool.client('ec2', region);
  }
  secrets(region: string) {
    return this.pool.client('secrets', region);
  }
  kms(region: string) {
    return this.pool.client('kms', region);
  }
  serviceQuotas(region: string) {
    return this.pool.client('serviceQuotas', region);
  }
  cloudformation(region: string) {
    return this.pool.client('cloudformation', region);
  }
  iam() {
    return this.pool.client('iam');
  }
  sts(region?: string) {
    return this.pool.client('sts', region);
  }
}

/** Run `use` with the session's per-region clients. */
export function withRegionalClients<T>(session: AwsSession, use: (clients: RegionalClients) => Promise<T>): Promise<T> {
  return session.clients.use((pool) => use(new RegionalClients(pool)));
}

/**
 * IAM Identity Center OIDC needs no credentials: it is how the user gets them. One client per
 * sign-in, bounded like every other; the caller destroys it.
 */
export async function ssoOidcClient(region: string, http: HttpOptions = {}): Promise<SSOOIDCClient> {
  const { SSOOIDCClient } = await import('@aws-sdk/client-sso-oidc');
  const shared = sharedHttp(http);
  return new SSOOIDCClient({ region, maxAttempts: 3, requestHandler: await shared.handler() });
}

/** The AWS access portal (accounts, roles, role credentials): bearer token, no AWS credentials. */
export async function ssoPortalClient(region: string, http: HttpOptions = {}): Promise<SSOClient> {
  const { SSOClient } = await import('@aws-sdk/client-sso');
  const shared = sharedHttp(http);
  return new SSOClient({ region, maxAttempts: 3, requestHandler: await shared.handler() });
}
