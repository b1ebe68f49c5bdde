/**
 * The command line tool end to end against moto, unattended, through the same core as the app:
 * apply → outputs in each format → grant → revoke → doctor → destroy, with exit codes and the
 * --json shapes checked; refusals change nothing.
 */
import { ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeleteOpenIDConnectProviderCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { EXIT } from '../cli/exit-codes';
import { DoctorReport } from '../electron/contract';
import { motoClients } from './support/aws-clients';
import { isolatedAws, TEST_KEYS } from './support/aws-env';
import { cli } from './support/cli';
import { startTestIssuer, type TestIssuer } from './support/tls-issuer';

const motoUrl = inject('motoUrl');
const REGION = 'ap-south-1';
const aws = { region: REGION, endpoint: motoUrl, credentials: TEST_KEYS, forcePathStyle: true };
let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer({ host: 'cli.issuer.test' });
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
  const out = await motoClients(motoUrl, REGION).cloudformation.send(new ListStacksCommand({}));
  return (out.StackSummaries ?? []).filter((s) => s.StackStatus !== 'DELETE_COMPLETE').map((s) => s.StackName ?? '');
}

const schema = JSON.parse(
  readFileSync(new URL('../docs/schemas/studio-config.v1.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validStudioConfig = ajv.compile(schema);

describe('the command line tool', () => {
  it('refuses bad input and unconfirmed writes without changing anything', async () => {
    await signedIn();
    const before = await liveStacks();
    const common = [
      '--prefix',
      'clino',
      '--team',
      'acme',
      '--issuer',
      `${issuer.host}/api`,
      '--zones',
      `${REGION}a,${REGION}b`,
    ];
    expect((await run(['apply', ...common, '--bogus'])).code).toBe(EXIT.usage);
    const badTeam = await run([
      'apply',
      '--prefix',
      'clino',
      '--team',
      'acme/*',
      '--zones',
      `${REGION}a,${REGION}b`,
      '--yes',
      '--json',
    ]);
    expect(badTeam.code).toBe(EXIT.usage);
    expect(badTeam.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(badTeam.json<{ error: { message: string } }>().error.message).toMatch(/studio\.team/);
    // No terminal and no --yes: nothing is asked, nothing is done.
    const unconfirmed = await run(['apply', ...common]);
    expect(unconfirmed.code).toBe(EXIT.notConfirmed);
    expect(unconfirmed.stderr).toMatch(/--yes/);
    // A terminal that says no.
    expect(
      (
        await cli(['apply', ...common], {
          answer: false,
          coreOptions: { issuerTarget: { connectOptions: issuer.connectOptions } },
        })
      ).code,
    ).toBe(EXIT.notConfirmed);
    expect(await liveStacks()).toEqual(before);
    const missing = await run(['outputs', '--stack', 'nothing-here', '--json']);
    expect(missing.code).toBe(EXIT.notFound);
    expect((await run(['frobnicate'])).code).toBe(EXIT.usage);
    expect((await run([])).code).toBe(EXIT.usage);
    const help = await run(['--help']);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toMatch(/Exit status:[\s\S]*130/);
  });

  it('plan → apply → outputs (json, yaml, terraform) → grant → revoke → doctor → destroy, unattended', async () => {
    await signedIn();
    const s3 = new S3Client(aws);
    const sm = new SecretsManagerClient(aws);
    for (const bucket of ['cli-data', 'cli-more'])
      await s3.send(
        new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
      );
    const secret = await sm.send(new CreateSecretCommand({ Name: 'cli/db', SecretString: '{"password":"x"}' }));
    const where = ['--prefix', 'cli', '--region', REGION];
    const setup = [...where, '--team', 'acme', '--issuer', `${issuer.host}/api`, '--zones', `${REGION}a,${REGION}b`];

    const planned = await run(['plan', ...setup, '--json']);
    expect(planned.code, planned.stderr).toBe(EXIT.ok);
    const plan = planned.json<{
      plan: { kind: string; action: string; stackName: string };
      permissions: { method: string };
    }>();
    expect(plan.plan).toMatchObject({ kind: 'changes', action: 'create', stackName: 'cli-datachain-cluster' });
    // moto has no SimulatePrincipalPolicy: the preflight says "unknown", never "ok".
    expect(plan.permissions.method).toBe('unknown');
    expect(await liveStacks()).not.toContain('cli-datachain-cluster');

    const applied = await run(['apply', ...setup, '--yes', '--json']);
    expect(applied.code, applied.stderr).toBe(EXIT.ok);
    const deployed = applied.json<{ status: string; stackName: string; outputs: Record<string, unknown> }>();
    expect(deployed).toMatchObject({ status: 'deployed', stackName: 'cli-datachain-cluster' });
    expect(deployed.outputs.datachain_oidc_storage_role_arn).toMatch(/:role\/cli-datachain-oidc-storage$/);
    // The stack made the OIDC provider; teardown removes it, this is in case the test stops first.
    const iam = new IAMClient(aws);
    onTestFinished(async () => {
      await iam
        .send(
          new DeleteOpenIDConnectProviderCommand({
            OpenIDConnectProviderArn: String(deployed.outputs.datachain_oidc_provider_arn),
          }),
        )
        .catch(() => undefined);
    });
    // Progress went to stderr as plain lines (no terminal), never to stdout.
    expect(applied.stderr).toMatch(/Create cli-datachain-cluster/);
    expect(applied.stderr).not.toMatch(/\r/);

    const asJson = await run(['outputs', ...where, '--format', 'json']);
    expect(asJson.code).toBe(EXIT.ok);
    const config = asJson.json<Record<string, unknown>>();
    expect(validStudioConfig(config), JSON.stringify(validStudioConfig.errors)).toBe(true);
    const asYaml = await run(['outputs', ...where, '--format', 'yaml']);
    const fromYaml = yaml.load(asYaml.stdout) as Record<string, unknown>;
    expect({ ...fromYaml, generatedAt: '' }).toEqual({ ...config, generatedAt: '' });
    const tf = (await run(['outputs', ...where, '--format', 'terraform'])).json<
      Record<string, { value: unknown; type: unknown }>
    >();
    expect(tf.datachain_oidc_compute_role_arn?.value).toBe(deployed.outputs.datachain_oidc_compute_role_arn);
    expect(tf.datachain_cluster_subnet_ids?.type).toEqual(['list', 'string']);

    expect((await run(['grant', 'bucket', 'cli-data', ...where, '--yes', '--json'])).code).toBe(EXIT.ok);
    expect((await run(['grant', 'bucket', 'cli-more', ...where, '--yes', '--json'])).code).toBe(EXIT.ok);
    const granted = await run([
      'grant',
      'secret',
      secret.ARN!,
      '--env',
      'DB_PASSWORD',
      '--key',
      'password',
      ...where,
      '--yes',
      '--json',
    ]);
    expect(granted.code, granted.stderr).toBe(EXIT.ok);
    const afterGrant = (await run(['outputs', ...where])).json<{
      storage: { buckets: string[]; secrets: { reference: string }[] };
    }>();
    expect(afterGrant.storage.buckets.sort()).toEqual(['cli-data', 'cli-more']);
    expect(afterGrant.storage.secrets[0]?.reference).toBe(`DB_PASSWORD=awssecret://${secret.ARN}#password`);

    const revoked = await run(['revoke', 'bucket', 'cli-more', ...where, '--yes', '--json']);
    expect(revoked.code, revoked.stderr).toBe(EXIT.ok);
    expect((await run(['outputs', ...where])).json<{ storage: { buckets: string[] } }>().storage.buckets).toEqual([
      'cli-data',
    ]);
    expect((await run(['revoke', 'bucket', 'never-granted', ...where, '--yes'])).code).toBe(EXIT.usage);

    const doctor = await run(['doctor', ...where, '--json']);
    expect(doctor.code, doctor.stdout).toBe(EXIT.ok);
    const report = DoctorReport.parse(doctor.json());
    expect(report.verdict).toBe('ok');
    expect(report.summary).toMatch(/^Studio can get in/);
    expect(report.findings.filter((f) => f.status === 'fail')).toEqual([]);
    expect(report.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'trust.storage.team-token',
        'trust.compute.other-team',
        'access.storage.bucket.cli-data',
        `live.secret.${secret.ARN}`,
      ]),
    );

    const status = (await run(['status', '--json'])).json<{ setups: { ref: { stackName: string } }[] }>();
    expect(status.setups.map((s) => s.ref.stackName)).toContain('cli-datachain-cluster');

    const destroyed = await run(['destroy', ...where, '--yes', '--json']);
    expect(destroyed.code, destroyed.stderr).toBe(EXIT.ok);
    expect(destroyed.json()).toMatchObject({ status: 'deleted', stackName: 'cli-datachain-cluster' });
    expect(await liveStacks()).not.toContain('cli-datachain-cluster');
  });

  it('Ctrl-C during apply does what Cancel does in the app: the new stack is removed, exit 130', async () => {
    await signedIn();
    const setup = [
      'apply',
      '--prefix',
      'clictrlc',
      '--region',
      REGION,
      '--team',
      'acme',
      '--issuer',
      `${issuer.host}/api`,
      '--zones',
      `${REGION}a,${REGION}b`,
      '--yes',
      '--json',
    ];
    // Pressed as soon as the deploy starts (its title on stderr), before CloudFormation executes it.
    const interrupted = await cli(setup, {
      coreOptions: { issuerTarget: { connectOptions: issuer.connectOptions } },
      interruptOn: 'Create clictrlc-datachain-cluster',
    });
    expect(interrupted.code, interrupted.stderr).toBe(EXIT.cancelled);
    expect(interrupted.stderr).toContain('Cancelling: Cancelling stops the deployment, then rolls back and removes');
    // Seen before the execution was asked for: CloudFormation never started it.
    expect(interrupted.stderr).toContain('Cancelling: removing the new, empty stack.');
    expect(interrupted.stderr).not.toContain('Executing the change set');
    expect(interrupted.json<{ error: { code: string; exitCode: number } }>().error).toMatchObject({
      code: 'CANCELLED',
      exitCode: 130,
    });
    // Nothing is left: no stack, not even one waiting for review with its change set.
    expect(await liveStacks()).not.toContain('clictrlc-datachain-cluster');
    const status = (await run(['status', '--json'])).json<{ setups: { ref: { stackName: string } }[] }>();
    expect(status.setups.map((s) => s.ref.stackName)).not.toContain('clictrlc-datachain-cluster');
  });
});
