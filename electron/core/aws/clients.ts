import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { AwsClients } from '../../../provisioners/aws/clients';
import type { AwsSession } from './session';

/**
 * The clients a provisioner gets, built here in the main process from a session (credentials
 * never leave it). Adaptive retries back off on throttling before our own polling does.
 */
export async function awsClients(session: AwsSession, region: string): Promise<AwsClients & { destroy(): void }> {
  const config = { ...(await session.clientConfig(region)), maxAttempts: 6, retryMode: 'adaptive' as const };
  const clients = {
    cloudformation: new CloudFormationClient(config),
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    serviceQuotas: new ServiceQuotasClient(config),
    eks: new EKSClient(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}

type Env = Readonly<Record<string, string | undefined>>;

/** A small cache of per-region clients for one call (discovery touches several regions). */
export class RegionalClients {
  private readonly made: { destroy(): void }[] = [];
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly session: AwsSession,
    private readonly env: Env,
  ) {}

  private async config(region?: string) {
    return { ...(await this.session.clientConfig(region)), maxAttempts: 4, retryMode: 'adaptive' as const };
  }

  private async get<T extends { destroy(): void }>(key: string, make: () => Promise<T>): Promise<T> {
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = await make();
      this.cache.set(key, client);
      this.made.push(client);
    }
    return client;
  }

  /** Custom endpoints (emulators, VPC endpoints) take path-style bucket addressing. */
  s3(region?: string): Promise<S3Client> {
    const custom = !!(this.env.AWS_ENDPOINT_URL_S3 ?? this.env.AWS_ENDPOINT_URL);
    return this.get(
      `s3:${region ?? ''}`,
      async () => new S3Client({ ...(await this.config(region)), followRegionRedirects: true, forcePathStyle: custom }),
    );
  }

  ec2(region?: string): Promise<EC2Client> {
    return this.get(`ec2:${region ?? ''}`, async () => new EC2Client(await this.config(region)));
  }

  secrets(region: string): Promise<SecretsManagerClient> {
    return this.get(`sm:${region}`, async () => new SecretsManagerClient(await this.config(region)));
  }

  kms(region: string): Promise<KMSClient> {
    return this.get(`kms:${region}`, async () => new KMSClient(await this.config(region)));
  }

  serviceQuotas(region: string): Promise<ServiceQuotasClient> {
    return this.get(`sq:${region}`, async () => new ServiceQuotasClient(await this.config(region)));
  }

  cloudformation(region: string): Promise<CloudFormationClient> {
    return this.get(`cfn:${region}`, async () => new CloudFormationClient(await this.config(region)));
  }

  iam(): Promise<IAMClient> {
    return this.get('iam', async () => new IAMClient(await this.config()));
  }

  destroy(): void {
    for (const client of this.made) client.destroy();
  }
}

/** IAM Identity Center OIDC needs no credentials: it is how the user gets them. */
export function ssoOidcClient(region: string): SSOOIDCClient {
  return new SSOOIDCClient({ region, maxAttempts: 3 });
}

/** A client-shaped object whose client is created on first use (for code that may never call it). */
export function lazy<T extends { send: (...args: never[]) => Promise<unknown> }>(
  make: () => Promise<T>,
): Pick<T, 'send'> {
  let client: Promise<T> | undefined;
  return { send: (async (...args: never[]) => (await (client ??= make())).send(...args)) as T['send'] };
}

/** Run `use` with a provisioner's clients for one region, destroyed after it. */
export async function withAwsClients<T>(
  session: AwsSession,
  region: string,
  use: (clients: AwsClients) => Promise<T>,
): Promise<T> {
  const clients = await awsClients(session, region);
  try {
    return await use(clients);
  } finally {
    clients.destroy();
  }
}

/** Run `use` with per-region clients made on demand, all destroyed after it. */
export async function withRegionalClients<T>(
  session: AwsSession,
  env: Env,
  use: (clients: RegionalClients) => Promise<T>,
): Promise<T> {
  const clients = new RegionalClients(session, env);
  try {
    return await use(clients);
  } finally {
    clients.destroy();
  }
}
