/**
 * The doctor's offline proof: given the trust and inline policies read live from IAM, evaluate
 * with the policy evaluator (policy-eval/) that Studio's tokens assume each role and nothing else's do, that the
 * storage role reaches every grant and nothing outside, and that the compute role manages
 * datachain-* clusters and passes only the three cluster roles. No call is made as Studio.
 */
import type { DoctorFinding } from '../../core/checks.schema';
import { OIDC_AUDIENCE } from '../iam-policies';
import { canAssumeWithWebIdentity, identityAllows, type Decision } from './simulate';

export interface LiveRole {
  kind: 'compute' | 'storage';
  name: string;
  arn: string;
  /** Absent when the role no longer exists. */
  trust?: unknown;
  inline: { name: string; document: unknown }[];
}

export interface DoctorSubject {
  accountId: string;
  partition: string;
  region: string;
  issuer: string;
  providerArn: string;
  team: string;
  credentials: { compute: string; storage: string };
  roles: { compute: LiveRole; storage: LiveRole };
  /** The three roles the compute role passes to EKS. */
  clusterRoleArns: string[];
  grants: { buckets: string[]; secrets: string[]; kmsKeys: string[] };
}

const subject = (team: string, credentials: string) => `credentials:${team}/${credentials}`;

function otherTeam(team: string): string {
  return team === 'another-team' ? 'yet-another-team' : 'another-team';
}

const restoreTrust = (role: LiveRole) => ({
  kind: 'restore-policy' as const,
  label: `Put back the trust policy of ${role.name} as the setup's template has it`,
  target: `${role.kind}:trust`,
});
const restoreInline = (role: LiveRole) => ({
  kind: 'restore-policy' as const,
  label: `Put back the permissions of ${role.name} as the setup's template has them`,
  target: `${role.kind}:inline`,
});

function trustFindings(s: DoctorSubject, role: LiveRole): DoctorFinding[] {
  const own = subject(s.team, s.credentials[role.kind]);
  const sibling = subject(s.team, s.credentials[role.kind === 'compute' ? 'storage' : 'compute']);
  const base = { providerArn: s.providerArn, issuer: s.issuer };
  const assume = (token: { subject: string; audience?: string; providerArn?: string }) =>
    canAssumeWithWebIdentity(role.trust, role.arn, s.accountId, {
      ...base,
      audience: OIDC_AUDIENCE,
      ...token,
    } as Parameters<typeof canAssumeWithWebIdentity>[3]);
  const id = (what: string) => `trust.${role.kind}.${what}`;
  if (role.trust === undefined)
    return [
      {
        id: id('exists'),
        area: 'trust',
        status: 'fail',
        title: `The role ${role.name} exists`,
        detail: 'IAM has no such role.',
        fix: 'Deploy the setup again to make it again: Review in the wizard with the same region and name prefix, or datachain-setup apply.',
        remedy: { kind: 'redeploy', label: 'Deploy the setup again' },
      },
    ];
  const findings: DoctorFinding[] = [];
  const letIn = assume({ subject: own });
  findings.push({
    id: id('team-token'),
    area: 'trust',
    status: letIn.decision === 'Allowed' ? 'pass' : letIn.decision === 'Unknown' ? 'unknown' : 'fail',
    title: `A Studio token for ${own} (audience ${OIDC_AUDIENCE}) can assume ${role.name}`,
    ...(letIn.decision !== 'Allowed'
      ? {
          detail:
            letIn.decision === 'Unknown'
              ? `The trust policy could not be evaluated: ${letIn.problem}.`
              : letIn.problem
                ? `The trust policy is not valid: ${letIn.problem}.`
                : `The trust policy does not let this token in (${letIn.decision}).`,
          fix: `The trust policy must allow sts:AssumeRoleWithWebIdentity from ${s.providerArn} with ${s.issuer}:sub = ${own} and ${s.issuer}:aud = ${OIDC_AUDIENCE}.`,
          remedy: restoreTrust(role),
        }
      : {}),
  });
  const outsiders: [string, string, { subject: string; audience?: string; providerArn?: string }][] = [
    [
      'other-team',
      `Another team's token (${subject(otherTeam(s.team), s.credentials[role.kind])})`,
      { subject: subject(otherTeam(s.team), s.credentials[role.kind]) },
    ],
    ['other-credentials', `The team's other credentials (${sibling})`, { subject: sibling }],
    [
      'other-audience',
      `A token for ${own} with another audience (api://AzureADTokenExchange)`,
      { subject: own, audience: 'api://AzureADTokenExchange' },
    ],
    [
      'other-issuer',
      'A token for the same subject from another OIDC provider',
      {
        subject: own,
        providerArn: `arn:${s.partition}:iam::${s.accountId}:oidc-provider/token.actions.githubusercontent.com`,
      },
    ],
  ];
  for (const [what, who, token] of outsiders) {
    const result = assume(token);
    const keptOut = result.decision !== 'Allowed' && result.decision !== 'Unknown';
    findings.push({
      id: id(what),
      area: 'trust',
      status: keptOut ? 'pass' : result.decision === 'Unknown' ? 'unknown' : 'fail',
      title: `${who} cannot assume ${role.name}`,
      ...(keptOut
        ? {}
        : {
            detail:
              result.decision === 'Unknown'
                ? `The trust policy could not be evaluated: ${result.problem}.`
                : 'The trust policy lets it in.',
            fix: `Require ${s.issuer}:sub = ${own} and ${s.issuer}:aud = ${OIDC_AUDIENCE} with StringEquals, and trust ${s.providerArn} only.`,
            remedy: restoreTrust(role),
          }),
    });
  }
  return findings;
}

type Probe = { action: string; resource: string };

function accessFinding(
  s: DoctorSubject,
  role: LiveRole,
  id: string,
  title: string,
  probes: Probe[],
  expect: 'allowed' | 'denied',
  fix: string,
): DoctorFinding {
  const session = `arn:${s.partition}:sts::${s.accountId}:assumed-role/${role.name}/doctor`;
  const wrong: string[] = [];
  const unknown: string[] = [];
  let unknownWhy = '';
  for (const probe of probes) {
    const result = identityAllows(role.inline, session, s.accountId, probe.action, probe.resource);
    const allowed: boolean = result.decision === ('Allowed' satisfies Decision);
    if (result.decision === 'Unknown') {
      unknown.push(`${probe.action} on ${probe.resource}`);
      unknownWhy = result.problem ?? 'a condition the doctor does not evaluate';
    } else if (result.problem) wrong.push(`the policy is not valid: ${result.problem}`);
    else if (allowed !== (expect === 'allowed')) wrong.push(`${probe.action} on ${probe.resource}`);
  }
  if (!wrong.length && unknown.length)
    return {
      id,
      area: 'access',
      status: 'unknown',
      title,
      detail: `Could not be evaluated (${unknownWhy}): ${unknown.join('; ')}.`,
      fix,
    };
  return {
    id,
    area: 'access',
    status: wrong.length ? 'fail' : 'pass',
    title,
    ...(wrong.length
      ? {
          detail: `${expect === 'allowed' ? 'Denied' : 'Allowed'}: ${[...new Set(wrong)].join('; ')}.`,
          fix,
          remedy: restoreInline(role),
        }
      : {}),
  };
}

function unused(candidates: string[], taken: string[]): string {
  return candidates.find((c) => !taken.includes(c)) ?? `${candidates[0]}-2`;
}

function storageFindings(s: DoctorSubject): DoctorFinding[] {
  const role = s.roles.storage;
  if (role.trust === undefined) return [];
  const p = s.partition;
  const findings: DoctorFinding[] = [];
  const redeploy =
    "Put the storage role's permissions back as the setup's template has them (datachain-setup doctor --fix), or deploy the setup again (datachain-setup apply).";
  for (const bucket of s.grants.buckets) {
    findings.push(
      accessFinding(
        s,
        role,
        `access.storage.bucket.${bucket}`,
        `The storage role can read and write the bucket ${bucket}`,
        [
          { action: 's3:ListBucket', resource: `arn:${p}:s3:::${bucket}` },
          { action: 's3:GetObject', resource: `arn:${p}:s3:::${bucket}/datachain/probe` },
          { action: 's3:PutObject', resource: `arn:${p}:s3:::${bucket}/datachain/probe` },
          { action: 's3:DeleteObject', resource: `arn:${p}:s3:::${bucket}/datachain/probe` },
        ],
        'allowed',
        redeploy,
      ),
    );
  }
  for (const secret of s.grants.secrets) {
    findings.push(
      accessFinding(
        s,
        role,
        `access.storage.secret.${secret}`,
        `The storage role can read the secret ${secret}`,
        [{ action: 'secretsmanager:GetSecretValue', resource: secret }],
        'allowed',
        redeploy,
      ),
    );
  }
  for (const key of s.grants.kmsKeys) {
    findings.push(
      accessFinding(
        s,
        role,
        `access.storage.kms.${key}`,
        `The storage role can decrypt with the KMS key ${key}`,
        [
          { action: 'kms:Decrypt', resource: key },
          { action: 'kms:GenerateDataKey', resource: key },
        ],
        'allowed',
        redeploy,
      ),
    );
  }
  const outsideBucket = unused(['datachain-doctor-not-granted', 'datachain-doctor-not-granted-2'], s.grants.buckets);
  const outsideSecret = `arn:${p}:secretsmanager:${s.region}:${s.accountId}:secret:datachain-doctor-not-granted-AbCdEf`;
  const outsideKey = `arn:${p}:kms:${s.region}:${s.accountId}:key/00000000-0000-4000-8000-000000000000`;
  findings.push(
    accessFinding(
      s,
      role,
      'access.storage.nothing-else',
      'The storage role reaches nothing outside its grants',
      [
        { action: 's3:GetObject', resource: `arn:${p}:s3:::${outsideBucket}/probe` },
        { action: 's3:PutObject', resource: `arn:${p}:s3:::${outsideBucket}/probe` },
        { action: 's3:DeleteBucket', resource: `arn:${p}:s3:::${outsideBucket}` },
        { action: 'secretsmanager:GetSecretValue', resource: outsideSecret },
        { action: 'kms:Decrypt', resource: outsideKey },
        { action: 'iam:PassRole', resource: s.clusterRoleArns[0] ?? `arn:${p}:iam::${s.accountId}:role/x` },
        { action: 'eks:CreateCluster', resource: `arn:${p}:eks:${s.region}:${s.accountId}:cluster/datachain-doctor` },
      ],
      'denied',
      "Remove every statement that is not one of the setup's grants (deploying the setup again restores its policy).",
    ),
  );
  return findings;
}

function computeFindings(s: DoctorSubject): DoctorFinding[] {
  const role = s.roles.compute;
  if (role.trust === undefined) return [];
  const p = s.partition;
  const eks = (name: string) => `arn:${p}:eks:${s.region}:${s.accountId}:cluster/${name}`;
  const redeploy =
    "Put the compute role's permissions back as the setup's template has them (datachain-setup doctor --fix), or deploy the setup again (datachain-setup apply).";
  return [
    accessFinding(
      s,
      role,
      'access.compute.clusters',
      'The compute role can create and delete datachain-* clusters',
      [
        { action: 'eks:CreateCluster', resource: eks('datachain-doctor') },
        { action: 'eks:DescribeCluster', resource: eks('datachain-doctor') },
        { action: 'eks:DeleteCluster', resource: eks('datachain-doctor') },
      ],
      'allowed',
      redeploy,
    ),
    accessFinding(
      s,
      role,
      'access.compute.pass-roles',
      'The compute role can pass the cluster, node and pod roles',
      s.clusterRoleArns.map((arn) => ({ action: 'iam:PassRole', resource: arn })),
      'allowed',
      redeploy,
    ),
    accessFinding(
      s,
      role,
      'access.compute.nothing-else',
      'The compute role passes no other role and manages no other cluster',
      [
        { action: 'iam:PassRole', resource: role.arn },
        { action: 'iam:PassRole', resource: s.roles.storage.arn },
        { action: 'iam:PassRole', resource: `arn:${p}:iam::${s.accountId}:role/Admin` },
        { action: 'eks:CreateCluster', resource: eks('production') },
        { action: 'eks:DeleteCluster', resource: eks('production') },
        ...s.grants.buckets.slice(0, 1).map((b) => ({ action: 's3:GetObject', resource: `arn:${p}:s3:::${b}/probe` })),
      ],
      'denied',
      'Limit iam:PassRole to the three cluster roles and EKS actions to datachain-* resources (deploying the setup again restores its policy).',
    ),
  ];
}

/** Every offline finding, trust first. */
export function evaluateSetup(s: DoctorSubject): DoctorFinding[] {
  return [
    ...trustFindings(s, s.roles.compute),
    ...trustFindings(s, s.roles.storage),
    ...computeFindings(s),
    ...storageFindings(s),
  ];
}
