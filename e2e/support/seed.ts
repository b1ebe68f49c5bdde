import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { motoHostEnv } from './host';

/** Create what a customer's account would already hold, directly in moto. */
export function seeder(region: string) {
  const env = motoHostEnv();
  const config = { region, endpoint: env.AWS_ENDPOINT_URL!, forcePathStyle: true, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! } };
  const s3 = new S3Client(config);
  const kms = new KMSClient(config);
  const sm = new SecretsManagerClient(config);
  return {
    async bucket(name: string): Promise<void> {
      await s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: region as never } }));
    },
    /** A bucket encrypted by default with a new customer-managed KMS key; returns the key's ARN. */
    async kmsBucket(name: string): Promise<string> {
      await this.bucket(name);
      const key = (await kms.send(new CreateKeyCommand({ Description: `key for ${name}` }))).KeyMetadata!;
      await s3.send(new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key.KeyId } }] } }));
      return key.Arn!;
    },
    async secret(name: string): Promise<string> {
      return (await sm.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ url: 'postgres://never-read' }) }))).ARN!;
    },
  };
}
