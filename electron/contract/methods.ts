import { z } from 'zod';
import { OperationId, OperationSnapshot } from './events';
import { AppInfo, ExternalUrl, NoInput } from './schemas/common';
import { Draft } from './schemas/draft';
import { AwsIdentity, AwsProfileName, AwsRegion, AwsSessionSelector } from './schemas/aws';
import { AwsSetupConfig, IssuerCheck, IssuerHost, PlanId, SetupList, SetupOutputs, SetupPlan, SetupTarget, StackName, StartedOperation } from './schemas/aws-setup';
import {
  BucketCheck,
  BucketName,
  BucketPage,
  Cursor,
  NodePoolCheckInput,
  NodePoolReport,
  ProfileInput,
  ProfileListing,
  RegionSummary,
  SecretArn,
  SecretCheck,
  SecretPage,
  SignInInput,
  ZoneListing,
} from './schemas/aws-discovery';

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** One sentence, shown in docs and in UNKNOWN_METHOD hints. */
  summary: string;
}

/**
 * The whole API between the renderer and the main process. Both transports (Electron IPC and the
 * loopback HTTP host) dispatch through this table: a method that is not here does not exist, and
 * no handler runs before its input has passed the schema.
 */
export const methods = {
  'app.info': {
    summary: 'Name, version and runtime of the app.',
    input: NoInput,
    output: AppInfo,
  },
  'app.openExternal': {
    summary: 'Open an allow-listed https link in the system browser.',
    input: z.object({ url: ExternalUrl }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
  'app.draft.load': {
    summary: 'The saved wizard draft, if any.',
    input: NoInput,
    output: z.object({ draft: Draft.nullable(), savedAt: z.string().optional() }),
  },
  'app.draft.save': {
    summary: 'Save the wizard draft (never credentials or secret values: the schema has no room for them).',
    input: z.object({ draft: Draft }).strict(),
    output: z.object({ savedAt: z.string() }),
  },
  'app.draft.clear': {
    summary: 'Forget the saved draft.',
    input: NoInput,
    output: z.object({ cleared: z.boolean() }),
  },
  'app.saveFile': {
    summary: 'Save a file through the system save dialog (desktop app only; the browser downloads instead).',
    input: z
      .object({
        suggestedName: z.string().regex(/^[\w.-]{1,100}$/, 'a plain file name'),
        content: z.string().max(5_000_000),
        filterName: z.string().max(50),
        extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).min(1).max(5),
      })
      .strict(),
    output: z.object({ saved: z.boolean(), path: z.string().optional(), reason: z.enum(['saved', 'cancelled', 'unsupported']) }),
  },
  'aws.whoami': {
    summary: 'Who the local AWS credentials belong to (STS GetCallerIdentity).',
    input: AwsSessionSelector,
    output: AwsIdentity,
  },
  'aws.profiles.list': {
    summary: 'The profiles in the AWS config files, each labelled by kind, and whether environment credentials exist.',
    input: z.object({}).strict(),
    output: ProfileListing,
  },
  'aws.signIn': {
    summary: 'Use a profile (or the default chain), with an MFA code when it asks for one, and say who that is.',
    input: SignInInput,
    output: AwsIdentity,
  },
  'aws.sso.login': {
    summary: 'Sign in to IAM Identity Center for an SSO profile (device code shown in the app); the token is shared with the AWS CLI.',
    input: z.object({ profile: AwsProfileName }).strict(),
    output: StartedOperation,
  },
  'aws.regions.list': {
    summary: 'Regions enabled for the account.',
    input: ProfileInput,
    output: z.array(RegionSummary),
  },
  'aws.zones.list': {
    summary: "A region's availability zones, with those EKS cannot use marked (Local and Wavelength zones left out).",
    input: z.object({ profile: AwsProfileName.optional(), region: AwsRegion }).strict(),
    output: ZoneListing,
  },
  'aws.buckets.list': {
    summary: 'One page of the account\'s buckets with their regions.',
    input: z.object({ profile: AwsProfileName.optional(), cursor: Cursor.optional(), prefix: z.string().max(63).optional(), pageSize: z.number().int().min(1).max(10_000).optional() }).strict(),
    output: BucketPage,
  },
  'aws.buckets.check': {
    summary: 'Whether a bucket exists, where, whether it is yours, and whether a customer KMS key encrypts it.',
    input: z.object({ profile: AwsProfileName.optional(), name: BucketName, region: AwsRegion.optional() }).strict(),
    output: BucketCheck,
  },
  'aws.secrets.list': {
    summary: 'One page of Secrets Manager secrets in a region (names, ARNs, keys; never values).',
    input: z.object({ profile: AwsProfileName.optional(), region: AwsRegion, cursor: Cursor.optional(), namePrefix: z.string().max(512).optional() }).strict(),
    output: SecretPage,
  },
  'aws.secrets.check': {
    summary: 'Whether a secret exists and whether a customer KMS key encrypts it (its value is never read).',
    input: z.object({ profile: AwsProfileName.optional(), arn: SecretArn }).strict(),
    output: SecretCheck,
  },
  'aws.nodePools.check': {
    summary: 'Check node pools against the region: instance types, zones, Spot support, GPUs and vCPU quotas.',
    input: NodePoolCheckInput,
    output: NodePoolReport,
  },
  'aws.issuer.check': {
    summary: "Read the OIDC issuer's discovery document and the thumbprints of its TLS chain.",
    input: z.object({ issuer: IssuerHost }).strict(),
    output: IssuerCheck,
  },
  'aws.setup.plan': {
    summary: 'Preflight the setup and create a change set: what will change, with every IAM document. Changes nothing.',
    input: z.object({ profile: AwsProfileName.optional(), config: AwsSetupConfig }).strict(),
    output: SetupPlan,
  },
  'aws.setup.discardPlan': {
    summary: 'Throw a plan away (deletes its change set).',
    input: z.object({ planId: PlanId }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
  'aws.setup.deploy': {
    summary: 'Execute a reviewed plan; progress arrives as operation events.',
    input: z.object({ planId: PlanId }).strict(),
    output: StartedOperation,
  },
  'aws.setup.outputs': {
    summary: "The deployed setup's outputs under the Terraform's names.",
    input: SetupTarget,
    output: SetupOutputs,
  },
  'aws.setup.config': {
    summary: 'The config a deployed setup was made from (for grants and re-planning).',
    input: SetupTarget,
    output: AwsSetupConfig,
  },
  'aws.setups.list': {
    summary: 'Setups this app created for the signed-in account, in every enabled region.',
    input: z.object({ profile: AwsProfileName.optional() }).strict(),
    output: SetupList,
  },
  'aws.setup.attach': {
    summary: 'Follow a deploy that was running when the app closed (never starts it again).',
    input: z.object({ profile: AwsProfileName.optional(), region: AwsRegion, stackName: StackName, stackId: z.string().max(2048), plannedChanges: z.number().int().nonnegative().optional() }).strict(),
    output: StartedOperation,
  },
  'aws.setup.teardown': {
    summary: 'Delete the setup; progress arrives as operation events.',
    input: SetupTarget,
    output: StartedOperation,
  },
  'operation.get': {
    summary: 'The current state of a long operation, for re-attaching after a reload.',
    input: z.object({ operationId: OperationId }).strict(),
    output: OperationSnapshot,
  },
  'operation.list': {
    summary: 'Operations known to this session, newest first.',
    input: NoInput,
    output: z.array(OperationSnapshot),
  },
  'operation.cancel': {
    summary: 'Ask a running operation to stop; what that means is stated by the operation.',
    input: z.object({ operationId: OperationId }).strict(),
    output: z.object({ accepted: z.boolean(), meaning: z.string().optional() }),
  },
} as const satisfies Record<string, MethodSpec>;

export type Contract = Record<string, MethodSpec>;
export type AppContract = typeof methods;
export type MethodName = keyof AppContract;
export type Input<M extends MethodName, C extends Contract = AppContract> = z.input<C[M]['input']>;
export type Output<M extends MethodName, C extends Contract = AppContract> = z.output<C[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
