import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateAccountAliasCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NODE_POOL_PRESETS } from '../../provisioners/aws/node-pools.schema';
import { motoHostEnv } from './host';

/** Create what a customer's account would already hold, directly in moto. */
export function seeder(region: string) {
  const env = motoHostEnv();
  const config = {
    region,
    endpoint: env.AWS_ENDPOINT_URL!,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  };
  const s3 = new S3Client(config);
  const kms = new KMSClient(config);
  const sm = new SecretsManagerClient(config);
  const iam = new IAMClient(config);
  return {
    /** Whether the account already has an IAM OIDC provider for this issuer (host/path, no scheme). */
    async hasOidcProvider(issuer: string): Promise<boolean> {
      const { OpenIDConnectProviderList = [] } = await iam.send(new ListOpenIDConnectProvidersCommand({}));
      return OpenIDConnectProviderList.some((p) => p.Arn?.endsWith(`:oidc-provider/${issuer}`));
    },
    /** Give the account an alias (the identity banner shows it). */
    async accountAlias(alias: string): Promise<void> {
      await iam.send(new CreateAccountAliasCommand({ AccountAlias: alias }));
    },
    async bucket(name: string): Promise<void> {
      await s3.send(
        new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: region as never } }),
      );
    },
    /** A bucket encrypted by default with a new customer-managed KMS key; returns the key's ARN. */
    async kmsBucket(name: string): Promise<string> {
      await this.bucket(name);
      const key = (await kms.send(new CreateKeyCommand({ Description: `key for ${name}` }))).KeyMetadata!;
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: name,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.KeyId } }],
          },
        }),
      );
      return key.Arn!;
    },
    async secret(name: string): Promise<string> {
      return (
        await sm.send(
          new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ url: 'postgres://never-read' }) }),
        )
      ).ARN!;
    },
  };
}

/**
 * A wizard draft saved by a previous session, as main writes it (user-data/draft.json): the app
 * opens at `step` with these choices. Used to start a test at the review step.
 */
export function writeDraft(userData: string, step: string, aws: Record<string, unknown>): void {
  mkdirSync(userData, { recursive: true, mode: 0o700 });
  const draft = {
    version: 1,
    step,
    cloud: 'aws',
    aws: { profile: '', nodePools: [NODE_POOL_PRESETS.system], buckets: [], secrets: [], tags: {}, ...aws },
  };
  writeFileSync(path.join(userData, 'draft.json'), JSON.stringify({ savedAt: new Date().toISOString(), draft }), {
    mode: 0o600,
  });
}

/** Read what the app changed, straight from moto. */
export function inspector(region: string) {
  const env = motoHostEnv();
  const config = {
    region,
    endpoint: env.AWS_ENDPOINT_URL!,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  };
  const iam = new IAMClient(config);
  const cfn = new CloudFormationClient(config);
  return {
    /** Every statement of the role's inline policies, as one JSON text. */
    async rolePolicies(roleName: string): Promise<string> {
      const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
      const docs = await Promise.all(
        names.map(async (PolicyName) =>
          decodeURIComponent(
            (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }))).PolicyDocument ?? '',
          ),
        ),
      );
      return docs.join('\n');
    },
    /** The statuses of every stack with this name, deleted ones included. */
    async stackStatuses(stackName: string): Promise<string[]> {
      const out: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await cfn.send(new ListStacksCommand({ NextToken }));
        out.push(
          ...(page.StackSummaries ?? []).filter((s) => s.StackName === stackName).map((s) => s.StackStatus ?? ''),
        );
        NextToken = page.NextToken;
      } while (NextToken);
      return out;
    },
  };
}
