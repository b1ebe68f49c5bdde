/**
 * The doctor of a deployed AWS setup: reads the setup's record and outputs, the live Studio roles
 * and what they rely on, and proves offline (with the policy simulator) who gets in. Each finding
 * says how to fix it; the ones the app can fix name a remedy (restorePolicy below, or a re-deploy).
 */
import { PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { doctorVerdict, type DoctorRemedy, type DoctorReport } from '../../core/checks.schema';
import { ProvisionError } from '../../core/errors';
import { parseArn } from '../arn';
import { LOGICAL_IDS } from '../naming';
import { outputsOf } from '../outputs';
import { readSetupRecord } from '../record';
import { kmsKeysOf, partitionOf } from '../schema';
import type { PolicyDocument } from '../iam-policies';
import { grantLines } from '../policies';
import { deployedTemplate, describeStack } from '../stack';
import type { CfnTemplate } from '../template';
import { evaluateSetup, type DoctorSubject, type LiveRole } from './evaluate';
import { checkDrift, checkGrantsExist, checkOidcProvider, readLiveRole, type DoctorClients } from './live';
import type { Sleep } from '../../core/poll';

export type { DoctorClients } from './live';

const roleName = (arn: string) => arn.split('/').pop() ?? arn;

async function readDeployed(clients: DoctorClients, stackName: string, region: string, signal?: AbortSignal) {
  const stack = await describeStack(clients.cloudformation, stackName, signal);
  if (!stack)
    throw new ProvisionError('NOT_FOUND', `There is no stack called ${stackName} in ${region}.`, {
      hint: 'Check the region and the stack name.',
    });
  const body = await deployedTemplate(clients.cloudformation, stackName, signal);
  const reading = body ? readSetupRecord(body) : { ours: false as const };
  if (!reading.ours || !('config' in reading))
    throw new ProvisionError('NOT_FOUND', `${stackName} in ${region} is not a readable setup made by this app.`, {
      hint: 'Check the region and the stack name.',
    });
  return { stack, config: reading.config, template: JSON.parse(body!) as CfnTemplate };
}

export async function diagnoseSetup(
  clients: DoctorClients,
  ref: { stackName: string; region: string },
  deps: { thumbprints(issuer: string): Promise<string[]>; signal?: AbortSignal; sleep?: Sleep; now?: () => Date },
): Promise<DoctorReport> {
  const { signal } = deps;
  const { stack, config, template } = await readDeployed(clients, ref.stackName, ref.region, signal);
  const outputs = outputsOf(stack);
  const accountId = parseArn(outputs.datachain_oidc_compute_role_arn)?.accountId ?? '';
  const read = (kind: 'compute' | 'storage', arn: string) =>
    readLiveRole(clients.iam, kind, roleName(arn), arn, signal);
  const [compute, storage] = await Promise.all([
    read('compute', outputs.datachain_oidc_compute_role_arn),
    read('storage', outputs.datachain_oidc_storage_role_arn),
  ]);
  const grants = {
    buckets: config.buckets.map((b) => b.name),
    secrets: config.secrets.map((s) => s.arn),
    kmsKeys: kmsKeysOf(config),
  };
  const subject: DoctorSubject = {
    accountId,
    partition: partitionOf(config.region),
    region: config.region,
    issuer: config.studio.issuer,
    providerArn: outputs.datachain_oidc_provider_arn,
    team: config.studio.team,
    credentials: { compute: config.studio.computeCredentials, storage: config.studio.storageCredentials },
    roles: { compute, storage },
    clusterRoleArns: [
      outputs.datachain_cluster_role_arn,
      outputs.datachain_cluster_node_role_arn,
      outputs.datachain_cluster_pod_role_arn,
    ],
    grants,
  };
  const [oidc, exist, drift] = await Promise.all([
    checkOidcProvider(clients.iam, subject.providerArn, subject.issuer, deps.thumbprints, signal),
    checkGrantsExist(clients, grants, signal),
    checkDrift(clients.cloudformation, ref.stackName, {
      ...(signal ? { signal } : {}),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    }),
  ]);
  const findings = [...evaluateSetup(subject), ...oidc, ...exist, drift].map((f) => {
    if (f.remedy?.kind !== 'restore-policy') return f;
    const changes = restoreChanges(template, { compute, storage }, f.remedy.target);
    return changes ? { ...f, remedy: { ...f.remedy, changes } } : f;
  });
  return { ...doctorVerdict(findings), checkedAt: (deps.now?.() ?? new Date()).toISOString(), findings };
}

/** Lines a remedy can show at the most, each way (a role's policies are at most 10 KB). */
const MAX_CHANGE_LINES = 500;

/**
 * What restorePolicy would write for `target`, said before it is offered: the grant lines the
 * template's document has and the live one lacks (put back), and the other way (taken away).
 */
function restoreChanges(
  template: CfnTemplate,
  roles: Record<LiveRole['kind'], LiveRole>,
  target: string | undefined,
): NonNullable<DoctorRemedy['changes']> | undefined {
  const where = TARGETS[target as keyof typeof TARGETS];
  if (!where) return undefined;
  const live = roles[target!.startsWith('compute:') ? 'compute' : 'storage'];
  let wanted: unknown;
  let now: unknown;
  if ('role' in where) {
    wanted = (template.Resources[where.role]?.Properties as { AssumeRolePolicyDocument?: unknown } | undefined)
      ?.AssumeRolePolicyDocument;
    now = live.trust;
  } else {
    const props = template.Resources[where.policy]?.Properties as
      { PolicyName?: string; PolicyDocument?: unknown } | undefined;
    wanted = props?.PolicyDocument;
    now = live.inline.find((p) => p.name === props?.PolicyName)?.document;
  }
  if (!wanted) return undefined;
  const lines = (doc: unknown) => (doc ? grantLines({ document: doc as PolicyDocument }) : []);
  const after = lines(wanted);
  const before = lines(now);
  return {
    added: after.filter((l) => !before.includes(l)).slice(0, MAX_CHANGE_LINES),
    removed: before.filter((l) => !after.includes(l)).slice(0, MAX_CHANGE_LINES),
  };
}

const TARGETS = {
  'compute:trust': { role: LOGICAL_IDS.computeRole },
  'storage:trust': { role: LOGICAL_IDS.storageRole },
  'compute:inline': { policy: LOGICAL_IDS.computePolicy },
  'storage:inline': { policy: LOGICAL_IDS.storagePolicy },
} as const;

/**
 * Put a Studio role's trust or inline policy back as the setup's deployed template has it (the
 * template is what CloudFormation believes is there, so this also ends the drift).
 */
export async function restorePolicy(
  clients: Pick<DoctorClients, 'iam' | 'cloudformation'>,
  ref: { stackName: string; region: string },
  remedy: DoctorRemedy,
  signal?: AbortSignal,
): Promise<string> {
  const target = TARGETS[remedy.target as keyof typeof TARGETS];
  if (remedy.kind !== 'restore-policy' || !target)
    throw new ProvisionError('INVALID_CONFIG', 'The doctor cannot apply this fix itself.', {
      hint: "Follow the finding's words instead.",
    });
  const body = await deployedTemplate(clients.cloudformation, ref.stackName, signal);
  const template = body ? (JSON.parse(body) as CfnTemplate) : undefined;
  if ('role' in target) {
    const props = template?.Resources[target.role]?.Properties as
      { RoleName?: string; AssumeRolePolicyDocument?: unknown } | undefined;
    if (!props?.RoleName || !props.AssumeRolePolicyDocument)
      throw new ProvisionError('NOT_FOUND', `The template of ${ref.stackName} has no such role.`);
    await clients.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: props.RoleName,
        PolicyDocument: JSON.stringify(props.AssumeRolePolicyDocument),
      }),
      { abortSignal: signal },
    );
    return `Restored the trust policy of ${props.RoleName}.`;
  }
  const props = template?.Resources[target.policy]?.Properties as
    { PolicyName?: string; PolicyDocument?: unknown; Roles?: { Ref: string }[] } | undefined;
  const roleId = props?.Roles?.[0]?.Ref;
  const roleProps = roleId ? (template?.Resources[roleId]?.Properties as { RoleName?: string } | undefined) : undefined;
  if (!props?.PolicyName || !props.PolicyDocument || !roleProps?.RoleName)
    throw new ProvisionError('NOT_FOUND', `The template of ${ref.stackName} has no such policy.`);
  await clients.iam.send(
    new PutRolePolicyCommand({
      RoleName: roleProps.RoleName,
      PolicyName: props.PolicyName,
      PolicyDocument: JSON.stringify(props.PolicyDocument),
    }),
    { abortSignal: signal },
  );
  return `Restored the permissions of ${roleProps.RoleName}.`;
}
