/**
 * The admin hand-off and the doctor against moto: the hand-off's template deployed directly "by an
 * admin" (CloudFormation with the hand-off's parameters, no app involved), then adopted (status
 * lists it, outputs export it like a setup the app made); the doctor passing on it and catching
 * planted faults (another team's :sub, a missing :aud, a bucket removed from the policy, a deleted
 * secret), and fixing what it can. The permission preflight against the SimulatePrincipalPolicy
 * contract server, which answers allowed or denied per action.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ListOpenIDConnectProvidersCommand,
  DeleteOpenIDConnectProviderCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { EXIT } from '../cli/exit-codes';
import { DoctorReport, PermissionReport } from '../electron/contract';
import { startContractServer } from './support/aws-contract-server';
import { isolatedAws, TEST_KEYS } from './support/aws-env';
import { cli } from './support/cli';
import { startTestIssuer, type TestIssuer } from './support/tls-issuer';

const motoUrl = inject('motoUrl');
const REGION = 'eu-west-3';
const aws = { region: REGION, endpoint: motoUrl, credentials: TEST_KEYS, forcePathStyle: true };
let issuer: TestIssuer;
const iam = new IAMClient(aws);
const cfn = new CloudFormationClient(aws);

beforeAll(async () => {
  issuer = await startTestIssuer({ host: 'handoff.issuer.test' });
});
afterAll(async () => issuer.close());
afterEach(() => vi.unstubAllEnvs());

async function signedIn() {
  await isolatedAws(motoUrl);
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_KEYS.secretAccessKey);
  vi.stubEnv('AWS_REGION', REGION);
}
const run = (argv: string[]) => cli(argv, { coreOptions: { issuerTarget: { connectOptions: issuer.connectOptions } } });

async function liveStacks(): Promise<string[]> {
  const out = await cfn.send(new ListStacksCommand({}));
  return (out.StackSummaries ?? []).filter((s) => s.StackStatus !== 'DELETE_COMPLETE').map((s) => s.StackName ?? '');
}

/** What the admin does with the folder: `aws cloudformation deploy` with the hand-off's parameters. */
async function adminDeploys(dir: string, options: { withTags: boolean }) {
  const parameters = JSON.parse(await readFile(path.join(dir, 'parameters.json'), 'utf8')) as {
    StackName: string;
    Region: string;
    Capabilities: string[];
    Tags: { Key: string; Value: string }[];
  };
  const template = await readFile(path.join(dir, 'template.json'), 'utf8');
  const admin = new CloudFormationClient({ ...aws, region: parameters.Region });
  await admin.send(
    new CreateStackCommand({
      StackName: parameters.StackName,
      TemplateBody: template,
      Capabilities: parameters.Capabilities as 'CAPABILITY_NAMED_IAM'[],
      ...(options.withTags ? { Tags: parameters.Tags } : {}),
    }),
  );
  const stack = (await admin.send(new DescribeStacksCommand({ StackName: parameters.StackName }))).Stacks?.[0];
  expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
  return parameters;
}

async function doctor(where: string[]) {
  const result = await run(['doctor', ...where, '--json']);
  const report = DoctorReport.parse(result.json());
  return { code: result.code, report, failed: report.findings.filter((f) => f.status === 'fail').map((f) => f.id) };
}

describe('the admin hand-off, adoption and the doctor', () => {
  it('an admin deploys the hand-off; the setup is adopted; the doctor passes, catches planted faults and fixes them', async () => {
    await signedIn();
    const s3 = new S3Client(aws);
    for (const bucket of ['handoff-data', 'handoff-raw'])
      await s3.send(
        new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
      );
    const sm = new SecretsManagerClient(aws);
    const secret = await sm.send(new CreateSecretCommand({ Name: 'handoff/db', SecretString: 'x' }));
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dcs-handoff-'));
    const setupFile = path.join(dir, 'setup.json');
    await (
      await import('node:fs/promises')
    ).writeFile(
      setupFile,
      JSON.stringify({
        region: REGION,
        zones: [`${REGION}a`, `${REGION}b`],
        namePrefix: 'adm',
        studio: { team: 'acme', issuer: `${issuer.host}/api` },
        buckets: [{ name: 'handoff-data' }, { name: 'handoff-raw' }],
        secrets: [{ arn: secret.ARN, envName: 'DB_PASSWORD' }],
      }),
    );
    const before = await liveStacks();
    const handoff = await run([
      'plan',
      '--file',
      setupFile,
      '--handoff',
      path.join(dir, 'admin'),
      '--template-url',
      'https://example.com/t.json',
      '--json',
    ]);
    expect(handoff.code, handoff.stderr).toBe(EXIT.ok);
    const bundle = handoff.json<{ files: string[]; command: string; consoleUrl: string }>();
    expect(bundle.files).toEqual(['template.json', 'parameters.json', 'deploy.sh', 'README.md']);
    expect(bundle.command).toMatch(/^aws cloudformation deploy/);
    expect(bundle.command).toContain('--stack-name adm-datachain-cluster');
    expect(bundle.command).toContain("'datachain:managed-by=datachain-cluster-setup'".replace(/'/g, ''));
    expect(bundle.consoleUrl).toMatch(
      /^https:\/\/eu-west-3\.console\.aws\.amazon\.com\/cloudformation\/home\?region=eu-west-3#\/stacks\/quickcreate\?templateURL=https%3A%2F%2Fexample\.com%2Ft\.json&stackName=adm-datachain-cluster$/,
    );
    // Writing the hand-off made no change set and no stack: a user without rights can run it.
    expect(await liveStacks()).toEqual(before);

    const parameters = await adminDeploys(path.join(dir, 'admin'), { withTags: true });
    expect(parameters.StackName).toBe('adm-datachain-cluster');
    // The stack made the OIDC provider (kept by CloudFormation when the stack goes: removed below).
    const provider = {
      OpenIDConnectProviderArn: (
        await iam.send(new ListOpenIDConnectProvidersCommand({}))
      ).OpenIDConnectProviderList?.find((p) => p.Arn?.endsWith(`:oidc-provider/${issuer.host}/api`))?.Arn,
    };
    expect(provider.OpenIDConnectProviderArn).toBeDefined();
    try {
      // Adopted: listed and exported like a setup the app made, from the template's record.
      const status = (await run(['status', '--json'])).json<{
        setups: { ref: { stackName: string }; team?: string }[];
      }>();
      expect(status.setups.find((s) => s.ref.stackName === 'adm-datachain-cluster')).toMatchObject({ team: 'acme' });
      const where = ['--stack', 'adm-datachain-cluster', '--region', REGION];
      const exported = (await run(['outputs', ...where])).json<{
        studio: { team: string };
        storage: { buckets: string[]; secrets: { envName: string }[] };
      }>();
      expect(exported.studio.team).toBe('acme');
      expect(exported.storage.buckets.sort()).toEqual(['handoff-data', 'handoff-raw']);
      expect(exported.storage.secrets.map((s) => s.envName)).toEqual(['DB_PASSWORD']);

      const good = await doctor(where);
      expect(good.failed).toEqual([]);
      expect(good.code).toBe(EXIT.ok);
      expect(good.report.summary).toMatch(/^Studio can get in/);

      // A role whose :sub names another team: Studio's own token is kept out. --fix puts it back.
      const storageRole = 'adm-datachain-oidc-storage';
      const trust = JSON.parse(
        decodeURIComponent(
          (await iam.send(new GetRoleCommand({ RoleName: storageRole }))).Role!.AssumeRolePolicyDocument!,
        ),
      );
      const otherTeam = structuredClone(trust);
      otherTeam.Statement[0].Condition.StringEquals[`${issuer.host}/api:sub`] =
        'credentials:other-team/datachain-storage';
      await iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: storageRole, PolicyDocument: JSON.stringify(otherTeam) }),
      );
      const wrongSub = await doctor(where);
      expect(wrongSub.code).toBe(EXIT.doctorProblems);
      expect(wrongSub.failed).toEqual(['trust.storage.team-token']);
      expect(wrongSub.report.findings.find((f) => f.id === 'trust.storage.team-token')?.remedy).toMatchObject({
        kind: 'restore-policy',
        target: 'storage:trust',
        // What the fix writes, read before it is offered: the team's subject back, the other team's gone.
        changes: {
          added: [expect.stringContaining('credentials:acme/datachain-storage')],
          removed: [expect.stringContaining('credentials:other-team/datachain-storage')],
        },
      });
      const fixed = await run(['doctor', ...where, '--fix', '--yes', '--json']);
      expect(fixed.code, fixed.stderr).toBe(EXIT.ok);
      expect(fixed.stderr).toMatch(/Restored the trust policy of adm-datachain-oidc-storage/);

      // A missing :aud on the compute role: a token for any audience would do.
      const computeRole = 'adm-datachain-oidc-compute';
      const computeTrust = JSON.parse(
        decodeURIComponent(
          (await iam.send(new GetRoleCommand({ RoleName: computeRole }))).Role!.AssumeRolePolicyDocument!,
        ),
      );
      delete computeTrust.Statement[0].Condition.StringEquals[`${issuer.host}/api:aud`];
      await iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: computeRole, PolicyDocument: JSON.stringify(computeTrust) }),
      );
      expect((await doctor(where)).failed).toEqual(['trust.compute.other-audience']);
      expect((await run(['doctor', ...where, '--fix', '--yes'])).code).toBe(EXIT.ok);

      // A bucket removed from the storage policy.
      const policy = JSON.parse(
        decodeURIComponent(
          (await iam.send(new GetRolePolicyCommand({ RoleName: storageRole, PolicyName: storageRole })))
            .PolicyDocument!,
        ),
      );
      policy.Statement[0].Resource = ['arn:aws:s3:::handoff-data', 'arn:aws:s3:::handoff-data/*'];
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: storageRole,
          PolicyName: storageRole,
          PolicyDocument: JSON.stringify(policy),
        }),
      );
      expect((await doctor(where)).failed).toEqual(['access.storage.bucket.handoff-raw']);
      // Said as text too, under what --fix can do: the bucket's grants it puts back.
      const said = await run(['doctor', ...where]);
      expect(said.stdout).toContain('+ Allow s3:* on arn:aws:s3:::handoff-raw\n');
      expect(said.stdout).toContain('+ Allow s3:* on arn:aws:s3:::handoff-raw/*\n');
      expect(said.stdout).not.toMatch(/^ +- /m);
      expect((await run(['doctor', ...where, '--fix', '--yes'])).code).toBe(EXIT.ok);

      // A deleted secret: nothing the app can restore; the finding says to revoke it.
      await sm.send(new DeleteSecretCommand({ SecretId: secret.ARN, ForceDeleteWithoutRecovery: true }));
      const gone = await doctor(where);
      expect(gone.failed).toEqual([`live.secret.${secret.ARN}`]);
      const finding = gone.report.findings.find((f) => f.id === `live.secret.${secret.ARN}`);
      expect(finding?.fix).toMatch(/Revoke it/);
      expect(finding?.remedy).toBeUndefined();
    } finally {
      await cfn.send(new DeleteStackCommand({ StackName: 'adm-datachain-cluster' }));
      await iam
        .send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: provider.OpenIDConnectProviderArn }))
        .catch(() => undefined);
    }
  });

  it("adopts a stack made from the template without the app's tags (the console's quick-create)", async () => {
    await signedIn();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dcs-handoff-'));
    const common = [
      '--prefix',
      'qc',
      '--team',
      'acme',
      '--issuer',
      `${issuer.host}/api`,
      '--zones',
      `${REGION}a,${REGION}b`,
      '--thumbprints',
      issuer.sha1.root,
    ];
    expect((await run(['plan', ...common, '--handoff', dir])).code).toBe(EXIT.ok);
    await adminDeploys(dir, { withTags: false });
    try {
      const status = (await run(['status', '--json'])).json<{ setups: { ref: { stackName: string } }[] }>();
      expect(status.setups.map((s) => s.ref.stackName)).toContain('qc-datachain-cluster');
      const exported = await run(['outputs', '--stack', 'qc-datachain-cluster', '--format', 'terraform']);
      expect(exported.code).toBe(EXIT.ok);
      expect(exported.json<Record<string, { value: string }>>().datachain_oidc_storage_role_arn?.value).toMatch(
        /role\/qc-datachain-oidc-storage$/,
      );
    } finally {
      await cfn.send(new DeleteStackCommand({ StackName: 'qc-datachain-cluster' }));
    }
  });
});

describe('the permission preflight', () => {
  const common = [
    '--prefix',
    'perm',
    '--team',
    'acme',
    '--zones',
    `${REGION}a,${REGION}b`,
    '--thumbprints',
    'b'.repeat(40),
    '--issuer',
    'perm.issuer.test/api',
  ];

  it('simulates every right the plan needs; a missing one blocks apply before any write', async () => {
    await signedIn();
    const server = await startContractServer({
      roleCredentials: TEST_KEYS,
      iamProxy: motoUrl,
      simulate: {
        decide: (action) =>
          action === 'iam:CreateOpenIDConnectProvider'
            ? 'explicitDeny'
            : action === 'ec2:CreateVpc'
              ? 'implicitDeny'
              : 'allowed',
      },
    });
    vi.stubEnv('AWS_ENDPOINT_URL_IAM', server.url);
    try {
      const planned = await run(['plan', ...common, '--json']);
      expect(planned.code, planned.stderr).toBe(EXIT.ok);
      const report = PermissionReport.parse(planned.json<{ permissions: unknown }>().permissions);
      expect(report.method).toBe('simulated');
      expect(report.principal).toMatch(/^arn:aws:/);
      const missing = report.checks
        .filter((c) => c.status === 'missing')
        .map((c) => c.action)
        .sort();
      expect(missing).toEqual(['ec2:CreateVpc', 'iam:CreateOpenIDConnectProvider']);
      expect(report.checks.filter((c) => c.status === 'ok').length).toBeGreaterThan(40);
      expect(
        JSON.parse(report.askAdmin!)
          .Statement.flatMap((s: { Action: string[] }) => s.Action)
          .sort(),
      ).toEqual(missing);
      // Each IAM simulation named the roles of this setup, not "*".
      expect(
        server.simulations.some((s) =>
          s.resources.includes(`arn:aws:iam::123456789012:role/perm-datachain-oidc-storage`),
        ),
      ).toBe(true);

      const before = await liveStacks();
      const applied = await run(['apply', ...common, '--yes', '--json']);
      expect(applied.code).toBe(EXIT.permissions);
      expect(applied.json<{ error: { message: string } }>().error.message).toMatch(/missing/);
      expect(await liveStacks()).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('says "unknown" when the principal may not simulate, and names what to ask for', async () => {
    await signedIn();
    const server = await startContractServer({ roleCredentials: TEST_KEYS, iamProxy: motoUrl, simulate: 'refuse' });
    vi.stubEnv('AWS_ENDPOINT_URL_IAM', server.url);
    try {
      const planned = await run(['plan', ...common, '--json']);
      const report = PermissionReport.parse(planned.json<{ permissions: unknown }>().permissions);
      expect(report).toMatchObject({ method: 'unknown' });
      expect(report.reason).toMatch(/iam:SimulatePrincipalPolicy/);
      expect(report.checks.every((c) => c.status === 'unknown')).toBe(true);
      expect(report.askAdmin).toContain('cloudformation:CreateChangeSet');
    } finally {
      await server.close();
    }
  });
});
