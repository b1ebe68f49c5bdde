/**
 * Our evaluator against the reference simulator (iam-simulate) on the project's own documents:
 * every trust policy and permissions policy the template renders, asked the doctor's questions
 * and many more (each concrete action the template grants, and some it does not, on granted and
 * other resources), plus the broken copies the doctor must catch.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../iam-policies';
import { OIDC_AUDIENCE } from '../../iam-policies';
import { AwsSetupConfig } from '../../schema';
import { renderTemplate } from '../../template';
import { canAssumeWithWebIdentity, identityAllows, roleSessionRequest, webIdentityRequest } from '../simulate';
import { evaluatePolicies } from './evaluate';
import type { EvalRequest } from './model';
import { parsePolicy } from './parse';
import { ACCOUNT, referenceDecision } from './reference';

const KEY = `arn:aws:kms:eu-north-1:${ACCOUNT}:key/11111111-2222-4333-8444-555555555555`;
const SECRET = `arn:aws:secretsmanager:eu-north-1:${ACCOUNT}:secret:acme/db-AbCdEf`;
const config = AwsSetupConfig.parse({
  region: 'eu-north-1',
  zones: ['eu-north-1a', 'eu-north-1b'],
  studio: { team: 'acme' },
  buckets: [{ name: 'acme-data' }, { name: 'acme-raw', kmsKeyArn: KEY }],
  secrets: [{ arn: SECRET, envName: 'DB' }],
  oidcThumbprints: ['a'.repeat(40)],
});
const { template, names, providerArn } = renderTemplate(config, { accountId: ACCOUNT });
const issuer = config.studio.issuer;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

type Doc = { id: string; document: PolicyDocument };
const trusts: Doc[] = [];
const permissions: Doc[] = [];
for (const [id, resource] of Object.entries(template.Resources)) {
  const p = (resource.Properties ?? {}) as {
    AssumeRolePolicyDocument?: PolicyDocument;
    PolicyDocument?: PolicyDocument;
  };
  if (p.AssumeRolePolicyDocument) trusts.push({ id, document: p.AssumeRolePolicyDocument });
  if (p.PolicyDocument) permissions.push({ id, document: p.PolicyDocument });
}

function tokens(): { what: string; request: EvalRequest }[] {
  const sub = (team: string, credentials: string) => `credentials:${team}/${credentials}`;
  const token = (subject: string, audience = OIDC_AUDIENCE, provider = providerArn) =>
    webIdentityRequest({ providerArn: provider, issuer, subject, audience });
  const out: { what: string; request: EvalRequest }[] = [];
  for (const credentials of [config.studio.computeCredentials, config.studio.storageCredentials]) {
    for (const team of ['acme', 'another-team', 'acme2', 'ACME'])
      out.push({ what: `${team}/${credentials}`, request: token(sub(team, credentials)) });
    out.push({
      what: `acme/${credentials} for Azure`,
      request: token(sub('acme', credentials), 'api://AzureADTokenExchange'),
    });
    out.push({
      what: `acme/${credentials} from GitHub`,
      request: token(
        sub('acme', credentials),
        OIDC_AUDIENCE,
        `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
      ),
    });
    const noAud = token(sub('acme', credentials));
    delete noAud.context[`${issuer}:aud`];
    out.push({ what: `acme/${credentials} without :aud`, request: noAud });
  }
  for (const service of ['eks.amazonaws.com', 'ec2.amazonaws.com', 'pods.eks.amazonaws.com', 'lambda.amazonaws.com'])
    for (const action of ['sts:AssumeRole', 'sts:TagSession', 'sts:AssumeRoleWithWebIdentity'])
      out.push({
        what: `${service} ${action}`,
        request: { action, principal: { kind: 'service', id: service }, context: {} },
      });
  return out;
}

/** Broken copies the doctor must catch: no :aud, a wildcard subject, another team. */
function brokenTrusts(): Doc[] {
  const studio = trusts.filter((t) => JSON.stringify(t.document).includes('Federated'));
  return studio.flatMap(({ id, document }) => {
    const noAud = structuredClone(document);
    delete noAud.Statement[0]!.Condition!.StringEquals![`${issuer}:aud`];
    const like = structuredClone(document);
    const cond = like.Statement[0]!.Condition!;
    cond.StringLike = { [`${issuer}:sub`]: 'credentials:acme/*' };
    delete cond.StringEquals![`${issuer}:sub`];
    const other = structuredClone(document);
    other.Statement[0]!.Condition!.StringEquals![`${issuer}:sub`] = 'credentials:other/datachain-storage';
    return [
      { id: `${id} without :aud`, document: noAud },
      { id: `${id} with StringLike`, document: like },
      { id: `${id} for another team`, document: other },
    ];
  });
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function probes(): { action: string; resource: string }[] {
  const granted = permissions
    .flatMap((p) => p.document.Statement.flatMap((s) => list(s.Action)))
    .filter((a) => !a.includes('*'));
  const actions = [
    ...new Set([
      ...granted,
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObject',
      's3:ListBucket',
      's3:DeleteBucket',
      's3:PutBucketPolicy',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'kms:ScheduleKeyDeletion',
      'iam:PassRole',
      'iam:CreateRole',
      'eks:CreateCluster',
      'eks:DeleteCluster',
      'eks:ListClusters',
      'ec2:RunInstances',
    ]),
  ];
  const eks = (kind: string, name: string) => `arn:aws:eks:eu-north-1:${ACCOUNT}:${kind}/${name}`;
  const resources = [
    'arn:aws:s3:::acme-data',
    'arn:aws:s3:::acme-data/datachain/probe',
    'arn:aws:s3:::acme-raw/x',
    'arn:aws:s3:::acme-data-other/x',
    'arn:aws:s3:::other',
    'arn:aws:s3:::other/acme-data/x',
    SECRET,
    `${SECRET}-other`,
    SECRET.replace('acme/db', 'acme/dbx'),
    KEY,
    KEY.replace('1111', '9999'),
    ...[names.clusterRole, names.nodeRole, names.podRole, names.computeRole, names.storageRole, 'Admin'].map(roleArn),
    eks('cluster', 'datachain-doctor'),
    eks('cluster', 'production'),
    eks('addon', 'datachain-doctor/vpc-cni/abc'),
    eks('cluster', 'datachain-'),
    `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/datachain-doctor`,
    `arn:aws:iam::${ACCOUNT}:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS`,
  ];
  return actions.flatMap((action) => resources.map((resource) => ({ action, resource })));
}

function evaluateTrust(document: unknown, request: EvalRequest) {
  const parsed = parsePolicy(document, 'trust');
  if ('problem' in parsed) throw new Error(parsed.problem);
  return evaluatePolicies([parsed.policy], request);
}

const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/R/doctor`;

describe('our evaluator agrees with iam-simulate on the template', () => {
  it('on every trust policy, for Studio tokens and service principals', () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const trust of [...trusts, ...brokenTrusts()])
      for (const { what, request } of tokens()) {
        const decision = evaluateTrust(trust.document, request);
        const reference = referenceDecision('trust', [trust.document], request);
        const aud = request.context[`${issuer}:aud`];
        if (request.principal?.kind === 'federated' && typeof aud === 'string') {
          // The doctor's own entry point asks the same question.
          const token = {
            providerArn: request.principal.id,
            issuer,
            subject: String(request.context[`${issuer}:sub`]),
            audience: aud,
          };
          expect(canAssumeWithWebIdentity(trust.document, roleArn('R'), ACCOUNT, token).decision).toBe(decision);
        }
        compared++;
        if (decision !== reference)
          disagreements.push(`${trust.id} / ${what}: ours ${decision}, iam-simulate ${reference}`);
      }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });

  it('on every permissions policy, for granted and other actions and resources', () => {
    const disagreements: string[] = [];
    let allowed = 0;
    const all = probes();
    for (const { id, document } of permissions)
      for (const { action, resource } of all) {
        const ours = identityAllows([{ name: id, document }], SESSION, ACCOUNT, action, resource).decision;
        const reference = referenceDecision(
          'identity',
          [document],
          roleSessionRequest(SESSION, ACCOUNT, action, resource),
        );
        if (ours === 'Allowed') allowed++;
        if (ours !== reference)
          disagreements.push(`${id}: ${action} on ${resource}: ours ${ours}, iam-simulate ${reference}`);
      }
    expect(disagreements).toEqual([]);
    expect(allowed).toBeGreaterThan(50);
  });
});
