import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { motoHostEnv } from '../support/host';
import { captureScreen } from '../support/screens';
import { inspector, seeder } from '../support/seed';
import { startWorld, type World } from '../support/world';

/*
 * The checks around an AWS setup, by visible labels: Review's permission checklist, simulated by
 * IAM's SimulatePrincipalPolicy (the contract server plays it, moto lacks it) with one action
 * denied explicitly and one implicitly, and what to ask an admin for; then, on a deployed setup,
 * the Manage doctor saying plainly that Studio can get in, catching a bucket removed from the
 * storage policy, offering its fix, and passing again once the app has put the policy back.
 */
const REGION = 'eu-north-1';
const run = Date.now().toString(36).slice(-5);
const prefix = `dr${run}`;
// An issuer of its own: the plan must make its OIDC provider (so the checklist needs that right), and
// no other test's teardown removes the provider this setup's doctor checks.
const issuerPath = `/dr${run}`;
const ISSUER = `issuer.test${issuerPath}`;
const stackName = `${prefix}-datachain-cluster`;
const storageRole = `${prefix}-datachain-oidc-storage`;
const DENIED: Record<string, 'explicitDeny' | 'implicitDeny'> = {
  'iam:CreateOpenIDConnectProvider': 'explicitDeny',
  'ec2:CreateVpc': 'implicitDeny',
};
/** What the simulated principal may not do (emptied once the "admin" has granted it). */
let denied: Record<string, 'explicitDeny' | 'implicitDeny'> = { ...DENIED };
let world: World;

const env = motoHostEnv();
const aws = {
  region: REGION,
  endpoint: env.AWS_ENDPOINT_URL!,
  credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
};

test.beforeAll(async () => {
  world = await startWorld({ issuerPath, simulate: { decide: (action) => denied[action] ?? 'allowed' } });
});
test.afterAll(async () => {
  await new CloudFormationClient(aws).send(new DeleteStackCommand({ StackName: stackName })).catch(() => undefined);
  await world?.close();
});

async function openReview(page: Page, buckets: string[]) {
  await world.seedDraft('review', {
    region: REGION,
    zones: [`${REGION}a`, `${REGION}b`],
    studio: {
      issuer: ISSUER,
      team: 'acme-doctor',
      computeCredentials: 'datachain-compute',
      storageCredentials: 'datachain-storage',
    },
    namePrefix: prefix,
    buckets: buckets.map((name) => ({ name, grantKms: false })),
  });
  await page.goto(await world.launchUrl());
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  await expect(page.getByText(`Create the stack ${stackName} in ${REGION}`)).toBeVisible({ timeout: 30_000 });
}

test('Review lists the rights the plan needs, the denied ones first, and what to ask an admin for', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const bucket = `dcs-${run}-review`;
  await seeder(REGION).bucket(bucket);
  await openReview(page, [bucket]);
  const checklist = page.getByRole('region', { name: 'Your permissions' });
  const rights = checklist.getByRole('list', { name: 'Rights this plan needs' });
  await expect(rights).toBeVisible({ timeout: 30_000 });
  await expect(checklist).toContainText('missing');
  for (const action of Object.keys(DENIED))
    await expect(rights.getByRole('listitem').filter({ hasText: action }).first()).toContainText('missing');
  // Why each is denied, as IAM's simulation said.
  await expect(rights.getByRole('listitem').filter({ hasText: 'iam:CreateOpenIDConnectProvider' })).toContainText(
    'explicitly denied',
  );
  await expect(rights.getByRole('listitem').filter({ hasText: 'ec2:CreateVpc' })).toContainText('no policy allows it');
  // Everything else was simulated and allowed: counted, and listed on demand.
  await expect(rights.getByRole('listitem').last()).toContainText(/^ok \d+ of \d+ rights$/);
  const [, okCount, total] = /ok (\d+) of (\d+)/.exec((await rights.getByRole('listitem').last().innerText()) ?? '')!;
  expect(Number(total) - Number(okCount)).toBeGreaterThanOrEqual(Object.keys(DENIED).length);
  expect(Number(okCount)).toBeGreaterThan(20);
  await checklist.getByText(`The ${okCount} rights you have`).click();
  const have = checklist.getByRole('list', { name: 'Rights you have' });
  await expect(have.getByRole('listitem')).toHaveCount(Number(okCount));
  await expect(have).toContainText('iam:CreateRole');
  await expect(have).not.toContainText('ec2:CreateVpc');
  // The principal simulated is the signed-in one, and each simulation named this setup's resources.
  await expect(checklist).toContainText(/Checked for arn:aws:/);
  expect(world.contract.simulations.some((s) => s.resources.some((r) => r.includes(storageRole)))).toBe(true);

  await checklist.getByText('What to ask an admin for').click();
  const ask = checklist.locator('details pre');
  await expect(ask).toBeVisible();
  const policy = JSON.parse(await ask.innerText()) as { Statement: { Action: string[] }[] };
  expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual(Object.keys(DENIED).sort());
  await checklist.scrollIntoViewIfNeeded();
  await captureScreen(page, 'doctor-01-review-permissions');

  // Once an admin has granted them, the same checklist says so.
  denied = {};
  await page.reload();
  await expect(rights.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
  await expect(rights).toContainText(/^ok (\d+) of \1 rights$/);
  await expect(checklist.getByText('What to ask an admin for')).toHaveCount(0);
  await captureScreen(page, 'doctor-02-review-permissions-ok');
});

test('the Manage doctor says Studio can get in, catches a bucket removed from the policy, and puts it back', async ({
  page,
}) => {
  test.setTimeout(480_000);
  denied = {};
  const kept = `dcs-${run}-kept`;
  const dropped = `dcs-${run}-dropped`;
  const seed = seeder(REGION);
  await seed.bucket(kept);
  await seed.bucket(dropped);
  await openReview(page, [kept, dropped]);
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 90_000 });

  await page.getByRole('button', { name: 'Manage setups' }).click();
  await expect(page.getByRole('table', { name: 'Setups' })).toContainText(stackName, { timeout: 30_000 });
  await page.getByRole('button', { name: `Manage ${stackName} in ${REGION}` }).click();
  await expect(page.getByRole('heading', { name: stackName })).toBeVisible();

  // A fresh setup: the doctor says plainly that Studio can get in.
  const doctor = page.getByRole('region', { name: 'Doctor' });
  await doctor.getByRole('button', { name: 'Run the doctor' }).click();
  await expect(doctor.getByText(/^Studio can get in/)).toBeVisible({ timeout: 60_000 });
  const findings = doctor.getByRole('list', { name: 'Findings' });
  const failed = findings.getByRole('listitem').filter({ has: page.locator('.badge', { hasText: /^fail$/ }) });
  await expect(failed).toHaveCount(0);
  await doctor.scrollIntoViewIfNeeded();
  await captureScreen(page, 'doctor-03-manage-ok');

  // Planted: someone removes a bucket from the storage role's policy, outside the app.
  const iam = new IAMClient(aws);
  const doc = JSON.parse(
    decodeURIComponent(
      (await iam.send(new GetRolePolicyCommand({ RoleName: storageRole, PolicyName: storageRole }))).PolicyDocument!,
    ),
  ) as { Statement: { Resource?: string | string[] }[] };
  for (const statement of doc.Statement) {
    if (!Array.isArray(statement.Resource)) continue;
    statement.Resource = statement.Resource.filter((r) => !r.startsWith(`arn:aws:s3:::${dropped}`));
  }
  await iam.send(
    new PutRolePolicyCommand({ RoleName: storageRole, PolicyName: storageRole, PolicyDocument: JSON.stringify(doc) }),
  );
  expect(await inspector(REGION).rolePolicies(storageRole)).not.toContain(dropped);

  await doctor.getByRole('button', { name: 'Check again' }).click();
  await expect(doctor.getByText(/^Studio may not get in/)).toBeVisible({ timeout: 60_000 });
  // A finding (with its badge), not a line of what its fix writes.
  const finding = findings.getByRole('listitem').filter({ hasText: dropped, has: page.locator('.badge') });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('fail');
  // It says how to fix it, and the fix the app can apply offers itself.
  await expect(finding.locator('p.muted')).not.toBeEmpty();
  const fix = finding.getByRole('button', {
    name: `Put back the permissions of ${storageRole} as the setup's template has them`,
  });
  await expect(fix).toBeVisible();
  // What the fix writes is listed before it is applied: the dropped bucket's grants put back, nothing taken away.
  const writes = finding.getByRole('list', { name: 'What this fix writes' });
  await expect(writes.getByRole('listitem')).toHaveText([
    `+ Allow s3:* on arn:aws:s3:::${dropped}`,
    `+ Allow s3:* on arn:aws:s3:::${dropped}/*`,
  ]);
  await doctor.scrollIntoViewIfNeeded();
  await captureScreen(page, 'doctor-04-manage-fault');

  await fix.click();
  await expect(doctor.getByText(/^Studio can get in/)).toBeVisible({ timeout: 60_000 });
  await expect(failed).toHaveCount(0);
  expect(await inspector(REGION).rolePolicies(storageRole)).toContain(`arn:aws:s3:::${dropped}`);
  await doctor.scrollIntoViewIfNeeded();
  await captureScreen(page, 'doctor-05-manage-fixed');
});
