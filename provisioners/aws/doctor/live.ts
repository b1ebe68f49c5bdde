/**
 * What the doctor reads from the cloud: the Studio roles' live trust and inline policies, and
 * whether what the setup relies on is still there (the OIDC provider with Studio's audience and
 * the issuer's thumbprints, the granted buckets, secrets and keys, the stack without drift).
 */
import {
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DoctorFinding } from '../../core/checks.schema';
import { sleep as defaultSleep, type Sleep } from '../../core/poll';
import { parseArn } from '../arn';
import { awsErrorName } from '../clients';
import { OIDC_AUDIENCE } from '../iam-policies';
import type { LiveRole } from './evaluate';

export interface DoctorClients {
  iam: Pick<IAMClient, 'send'>;
  cloudformation: Pick<CloudFormationClient, 'send'>;
  s3(): Pick<S3Client, 'send'>;
  secrets(region: string): Pick<SecretsManagerClient, 'send'>;
  kms(region: string): Pick<KMSClient, 'send'>;
}

const decode = (text: string | undefined): unknown => (text ? JSON.parse(decodeURIComponent(text)) : undefined);
/** The AWS error code, when it says more than "Error" (moto's answer to an API it lacks). */
const errorText = (error: unknown) => {
  const name = awsErrorName(error);
  return name && name !== 'Error' ? name : 'no reason given';
};

/** A Studio role as IAM has it now: its trust policy and every inline policy. */
export async function readLiveRole(
  iam: DoctorClients['iam'],
  kind: LiveRole['kind'],
  name: string,
  arn: string,
  signal?: AbortSignal,
): Promise<LiveRole> {
  let trust: unknown;
  try {
    const role = await iam.send(new GetRoleCommand({ RoleName: name }), { abortSignal: signal });
    trust = decode(role.Role?.AssumeRolePolicyDocument);
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchEntity') return { kind, name, arn, inline: [] };
    throw error;
  }
  const names =
    (await iam.send(new ListRolePoliciesCommand({ RoleName: name }), { abortSignal: signal })).PolicyNames ?? [];
  const inline = await Promise.all(
    names.map(async (policyName) => {
      const out = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }), {
        abortSignal: signal,
      });
      return { name: policyName, document: decode(out.PolicyDocument) };
    }),
  );
  return { kind, name, arn, trust, inline };
}

const finding = (f: DoctorFinding): DoctorFinding => f;

/** The OIDC provider exists, lists Studio's audience and one of the issuer's current thumbprints. */
export async function checkOidcProvider(
  iam: DoctorClients['iam'],
  providerArn: string,
  issuer: string,
  thumbprints: (issuer: string) => Promise<string[]>,
  signal?: AbortSignal,
): Promise<DoctorFinding[]> {
  let provider;
  try {
    provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }), {
      abortSignal: signal,
    });
  } catch (error) {
    const missing = awsErrorName(error) === 'NoSuchEntity';
    return [
      finding({
        id: 'live.oidc.exists',
        area: 'live',
        status: missing ? 'fail' : 'unknown',
        title: `The OIDC provider for https://${issuer} exists`,
        detail: missing ? 'IAM has no such provider.' : `IAM did not answer (${errorText(error)}).`,
        fix: missing
          ? 'Deploy the setup again: it creates the provider when none exists.'
          : 'Sign in with a principal that may call iam:GetOpenIDConnectProvider.',
        ...(missing ? { remedy: { kind: 'redeploy' as const, label: 'Deploy the setup again' } } : {}),
      }),
    ];
  }
  const clientIds = provider.ClientIDList ?? [];
  const listed = provider.ThumbprintList ?? [];
  const findings = [
    finding({
      id: 'live.oidc.exists',
      area: 'live',
      status: 'pass',
      title: `The OIDC provider for https://${issuer} exists`,
    }),
    finding({
      id: 'live.oidc.audience',
      area: 'live',
      status: clientIds.includes(OIDC_AUDIENCE) ? 'pass' : 'fail',
      title: `The OIDC provider accepts the audience ${OIDC_AUDIENCE}`,
      ...(clientIds.includes(OIDC_AUDIENCE)
        ? {}
        : {
            detail: `Its audiences are ${clientIds.join(', ') || 'none'}.`,
            fix: `Add the audience: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${providerArn} --client-id ${OIDC_AUDIENCE}`,
          }),
    }),
  ];
  try {
    const current = await thumbprints(issuer);
    const matches = current.some((t) => listed.includes(t.toLowerCase()));
    findings.push(
      finding({
        id: 'live.oidc.thumbprints',
        area: 'live',
        status: matches ? 'pass' : 'fail',
        title: "The OIDC provider's thumbprints match the issuer's TLS certificates",
        ...(matches
          ? {}
          : {
              detail: `The provider lists ${listed.join(', ') || 'none'}; the issuer presents ${current.join(', ')}.`,
              fix: `Update them: aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn ${providerArn} --thumbprint-list ${current.join(' ')}`,
            }),
      }),
    );
  } catch (error) {
    findings.push(
      finding({
        id: 'live.oidc.thumbprints',
        area: 'live',
        status: 'unknown',
        title: "The OIDC provider's thumbprints match the issuer's TLS certificates",
        detail: `The issuer https://${issuer} could not be reached (${(error as Error).message}).`,
        fix: 'Check the network, then run the doctor again.',
      }),
    );
  }
  return findings;
}

/** CloudFormation drift detection, where the API offers it. */
export async function checkDrift(
  cfn: DoctorClients['cloudformation'],
  stackName: string,
  options: { signal?: AbortSignal; sleep?: Sleep; attempts?: number } = {},
): Promise<DoctorFinding> {
  const title = 'The stack has not drifted from its template';
  const unknown = (detail: string): DoctorFinding => ({
    id: 'live.drift',
    area: 'live',
    status: 'unknown',
    title,
    detail,
    fix: 'Run drift detection in the CloudFormation console when it is available.',
  });
  let detectionId: string | undefined;
  try {
    detectionId = (
      await cfn.send(new DetectStackDriftCommand({ StackName: stackName }), { abortSignal: options.signal })
    ).StackDriftDetectionId;
  } catch (error) {
    return unknown(`CloudFormation could not run drift detection on this stack (${errorText(error)}).`);
  }
  if (!detectionId) return unknown('CloudFormation did not start drift detection.');
  const wait = options.sleep ?? defaultSleep;
  for (let i = 0; i < (options.attempts ?? 30); i++) {
    const status = await cfn.send(
      new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: detectionId }),
      {
        abortSignal: options.signal,
      },
    );
    if (status.DetectionStatus === 'DETECTION_IN_PROGRESS') {
      await wait(2_000, options.signal);
      continue;
    }
    if (status.StackDriftStatus === 'IN_SYNC') return { id: 'live.drift', area: 'live', status: 'pass', title };
    if (status.StackDriftStatus !== 'DRIFTED')
      return unknown(`Drift detection ended ${status.DetectionStatus ?? 'without a status'}.`);
    const drifts = await cfn.send(
      new DescribeStackResourceDriftsCommand({
        StackName: stackName,
        StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
      }),
      { abortSignal: options.signal },
    );
    const which = (drifts.StackResourceDrifts ?? []).map(
      (d) => `${d.LogicalResourceId} (${d.StackResourceDriftStatus?.toLowerCase()})`,
    );
    return {
      id: 'live.drift',
      area: 'live',
      status: 'fail',
      title,
      detail: `Changed outside CloudFormation: ${which.join(', ') || 'some resources'}.`,
      fix: "Undo the change by hand, or put the setup's documents back (the doctor offers it for the Studio roles).",
    };
  }
  return unknown('Drift detection did not finish in time.');
}

/** Each granted bucket, secret and key still exists (and a key is enabled, a secret not scheduled for deletion). */
export async function checkGrantsExist(
  clients: DoctorClients,
  grants: { buckets: string[]; secrets: string[]; kmsKeys: string[] },
  signal?: AbortSignal,
): Promise<DoctorFinding[]> {
  const revoke = (what: string) => `Revoke it (Manage, or \`revoke ${what}\`), or make it again with the same name.`;
  const result = (id: string, title: string, error: unknown, gone: boolean, what: string): DoctorFinding =>
    gone
      ? { id, area: 'live', status: 'fail', title, detail: 'It no longer exists.', fix: revoke(what) }
      : {
          id,
          area: 'live',
          status: 'unknown',
          title,
          detail: `It could not be read (${errorText(error)}).`,
          fix: 'Sign in with a principal that may read it, then run the doctor again.',
        };
  const buckets = grants.buckets.map(async (bucket): Promise<DoctorFinding> => {
    const id = `live.bucket.${bucket}`;
    const title = `The bucket ${bucket} exists`;
    try {
      await clients.s3().send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal });
      return { id, area: 'live', status: 'pass', title };
    } catch (error) {
      const name = awsErrorName(error);
      return result(id, title, error, name === 'NotFound' || name === 'NoSuchBucket', `bucket ${bucket}`);
    }
  });
  const secrets = grants.secrets.map(async (arn): Promise<DoctorFinding> => {
    const id = `live.secret.${arn}`;
    const title = `The secret ${arn.split(':secret:')[1] ?? arn} exists`;
    try {
      const out = await clients
        .secrets(parseArn(arn)?.region ?? '')
        .send(new DescribeSecretCommand({ SecretId: arn }), { abortSignal: signal });
      if (out.DeletedDate)
        return {
          id,
          area: 'live',
          status: 'fail',
          title,
          detail: `It is scheduled for deletion (since ${out.DeletedDate.toISOString()}).`,
          fix: `Restore it (aws secretsmanager restore-secret --secret-id ${arn}), or revoke it.`,
        };
      return { id, area: 'live', status: 'pass', title };
    } catch (error) {
      return result(id, title, error, awsErrorName(error) === 'ResourceNotFoundException', `secret ${arn}`);
    }
  });
  const keys = grants.kmsKeys.map(async (arn): Promise<DoctorFinding> => {
    const id = `live.kms.${arn}`;
    const title = `The KMS key ${arn.split('/').pop()} exists and is enabled`;
    try {
      const out = await clients
        .kms(parseArn(arn)?.region ?? '')
        .send(new DescribeKeyCommand({ KeyId: arn }), { abortSignal: signal });
      const state = out.KeyMetadata?.KeyState;
      if (state && state !== 'Enabled')
        return {
          id,
          area: 'live',
          status: 'fail',
          title,
          detail: `Its state is ${state}.`,
          fix: 'Enable the key (or cancel its deletion) in KMS, or revoke the grants that need it.',
        };
      return { id, area: 'live', status: 'pass', title };
    } catch (error) {
      return result(id, title, error, awsErrorName(error) === 'NotFoundException', `the grants that use key ${arn}`);
    }
  });
  return Promise.all([...buckets, ...secrets, ...keys]);
}
