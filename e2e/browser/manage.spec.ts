import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { applyPlannedChange } from '../support/manage';
import { captureScreen } from '../support/screens';
import { inspector, seeder } from '../support/seed';
import { ISSUER, startWorld, type World } from '../support/world';

const REGION = 'eu-north-1';
const run = Date.now().toString(36).slice(-5);
const prefix = `mg${run}`;
const stackName = `${prefix}-datachain-cluster`;
const storageRole = `${prefix}-datachain-oidc-storage`;
let world: World;

test.beforeAll(async () => {
  world = await startWorld();
});
test.afterAll(async () => world?.close());

/** Deploy a setup through the app, starting from a saved draft at the review step. */
async function deployFromReview(page: Page, buckets: string[]) {
  await world.seedDraft('review', {
    region: REGION,
    zones: [`${REGION}a`, `${REGION}b`],
    studio: {
      issuer: ISSUER,
      team: 'acme-manage',
      computeCredentials: 'datachain-compute',
      storageCredentials: 'datachain-storage',
    },
    namePrefix: prefix,
    buckets: buckets.map((name) => ({ name, grantKms: false })),
  });
  await page.goto(await world.launchUrl());
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  await expect(page.getByText(`Create the stack ${stackName} in ${REGION}`)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 60_000 });
}

test('grant a bucket, then a secret, revoke, re-export and tear down an existing setup', async ({ page }) => {
  test.setTimeout(600_000);
  const seed = seeder(REGION);
  const look = inspector(REGION);
  const first = `dcs-${run}-first`;
  const later = `dcs-${run}-later`;
  await seed.bucket(first);
  // The bucket granted on day 2 is encrypted with a customer KMS key: the key follows its grant.
  const keyArn = await seed.kmsBucket(later);
  const otherArn = await seed.secret(`dcs/${run}/db-url`);
  const secretArn = await seed.secret(`dcs/${run}/api-token`);

  await deployFromReview(page, [first]);

  // The dashboard finds the setup by its tag, in whichever region it lives.
  await page.getByRole('button', { name: 'Manage setups' }).click();
  const setups = page.getByRole('table', { name: 'Setups' });
  await expect(setups).toContainText(stackName, { timeout: 30_000 });
  await expect(setups.getByRole('row', { name: new RegExp(stackName) })).toContainText('CREATE_COMPLETE');
  await captureScreen(page, '11-dashboard');
  await page.getByRole('button', { name: `Manage ${stackName} in ${REGION}` }).click();
  await expect(page.getByRole('heading', { name: stackName })).toBeVisible();
  const buckets = page.getByRole('region', { name: 'Granted buckets' });
  await expect(buckets.getByRole('button', { name: `Revoke ${first}` })).toBeVisible();
  await captureScreen(page, '12-manage');

  // Grant a bucket: bad input is refused where it is typed; the plan shows the policy diff first.
  await buckets.getByLabel('Grant a bucket').fill('Not_A_Bucket');
  await expect(buckets.getByText('may contain only lowercase letters, digits, dots and hyphens')).toBeVisible();
  await buckets.getByLabel('Grant a bucket').fill(`dcs-${run}-missing`);
  await buckets.getByRole('button', { name: 'Plan the grant' }).click();
  await expect(buckets.getByText(`there is no bucket called dcs-${run}-missing`)).toBeVisible();
  await buckets.getByLabel('Grant a bucket').fill('');
  expect(await look.rolePolicies(storageRole)).not.toContain(later);
  // The same searchable picker as the wizard's: the granted bucket is marked, the others offer a grant.
  await buckets.getByLabel('Search your buckets').fill(`dcs-${run}`);
  const toGrant = buckets.getByRole('group', { name: 'Buckets to grant' });
  await expect(toGrant.getByText(first)).toBeVisible();
  await expect(toGrant.getByRole('button', { name: `Plan granting ${first}` })).toHaveCount(0);
  await captureScreen(page, '12-manage-pickers');
  await toGrant.getByRole('button', { name: `Plan granting ${later}` }).click();
  const planned = page.getByRole('region', { name: 'Planned change' });
  await planned.getByText(`inline policy ${storageRole}`).click();
  await expect(planned.getByRole('region', { name: 'IAM policies' })).toContainText(
    `+ Allow s3:* on arn:aws:s3:::${later}`,
  );
  await captureScreen(page, '13-manage-plan');
  expect(await look.rolePolicies(storageRole), 'nothing changes before Apply').not.toContain(later);
  await applyPlannedChange(page, `Grant the bucket ${later}`, { row: 'StoragePolicy' });
  await expect(buckets.getByRole('button', { name: `Revoke ${later}` })).toBeVisible();
  expect(await look.rolePolicies(storageRole)).toContain(`arn:aws:s3:::${later}`);
  // Its KMS key is listed next to what needs it, and granted with it.
  const keys = page.getByRole('region', { name: 'KMS keys' });
  await expect(keys).toContainText(keyArn);
  await expect(keys).toContainText(`Needed by the bucket ${later}.`);
  expect(await look.rolePolicies(storageRole)).toContain(keyArn);

  // Grant a secret picked by name: the job variable follows the secret picked (until typed).
  const secrets = page.getByRole('region', { name: 'Granted secrets' });
  const toChoose = secrets.getByRole('group', { name: 'Secrets to grant' });
  await secrets.getByLabel('Search secrets').fill(run);
  await toChoose.getByRole('button', { name: `Choose dcs/${run}/db-url` }).click();
  await expect(secrets.getByLabel('Secret ARN')).toHaveValue(otherArn);
  await expect(secrets.getByLabel('Job variable')).toHaveValue('DB_URL');
  await toChoose.getByRole('button', { name: `Choose dcs/${run}/api-token` }).click();
  await expect(secrets.getByLabel('Secret ARN')).toHaveValue(secretArn);
  await expect(secrets.getByLabel('Job variable')).toHaveValue('API_TOKEN');
  await secrets.getByLabel('JSON key').fill('token');
  const reference = `API_TOKEN=awssecret://${secretArn}#token`;
  await expect(secrets).toContainText(reference);
  await captureScreen(page, '13-manage-secret-form');
  await secrets.getByRole('button', { name: 'Plan the grant' }).click();
  // The form clears once the grant is planned.
  await expect(secrets.getByLabel('Secret ARN')).toHaveValue('');
  await expect(secrets.getByLabel('Job variable')).toHaveValue('');
  await expect(secrets.getByLabel('JSON key')).toHaveValue('');
  await applyPlannedChange(page, `Grant the secret dcs/${run}/api-token`, { row: 'StoragePolicy' });
  await expect(secrets).toContainText(secretArn);
  expect(await look.rolePolicies(storageRole)).toContain(secretArn);
  await expect(page.getByRole('region', { name: 'Secret references' })).toContainText(reference);

  // Revoke the first bucket.
  await buckets.getByRole('button', { name: `Revoke ${first}` }).click();
  await applyPlannedChange(page, `Revoke the bucket ${first}`, { row: 'StoragePolicy' });
  await expect(buckets.getByRole('button', { name: `Revoke ${first}` })).toBeHidden();
  expect(await look.rolePolicies(storageRole)).not.toContain(`arn:aws:s3:::${first}`);

  // Re-export: the file reflects the setup as it is now.
  const download = page.waitForEvent('download');
  await page
    .getByRole('region', { name: 'Outputs' })
    .getByRole('button', { name: 'Export Studio config (JSON)' })
    .click();
  const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(exported.storage.buckets).toEqual([later]);
  expect(exported.storage.kmsKeys).toEqual([keyArn]);
  expect(exported.storage.secrets).toEqual([{ arn: secretArn, envName: 'API_TOKEN', key: 'token', reference }]);
  expect(exported.stack.name).toBe(stackName);

  // Revoke the secret.
  await secrets.getByRole('button', { name: `Revoke dcs/${run}/api-token` }).click();
  await applyPlannedChange(page, `Revoke the secret dcs/${run}/api-token`, { row: 'StoragePolicy' });
  await expect(secrets).toContainText('No secrets granted.');
  expect(await look.rolePolicies(storageRole)).not.toContain(secretArn);

  // Revoke the KMS-encrypted bucket: its key goes with it.
  await buckets.getByRole('button', { name: `Revoke ${later}` }).click();
  await applyPlannedChange(page, `Revoke the bucket ${later}`, { row: 'StoragePolicy' });
  await expect(keys).toContainText('No customer KMS key is granted.');
  expect(await look.rolePolicies(storageRole)).not.toContain(keyArn);

  // Tear down, after a confirmation that says what goes and what stays.
  await page.getByRole('button', { name: `Tear down ${stackName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Tear down ${stackName}?` });
  await expect(dialog).toContainText('Your own buckets, secrets and KMS keys are kept');
  // Whether this setup made the issuer's OIDC provider depends on what ran in this account before.
  await expect(dialog).toContainText(
    /The OIDC provider for issuer\.test\/api (existed before this setup and is left in place|was created by this setup and is deleted with it)\./,
  );
  await captureScreen(page, '14-teardown-confirm');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  expect(await look.stackStatuses(stackName), 'Keep it changes nothing').toEqual(['UPDATE_COMPLETE']);
  await page.getByRole('button', { name: `Tear down ${stackName}` }).click();
  await dialog.getByRole('button', { name: 'Yes, tear it down' }).click();
  await expect(page.getByText('Torn down', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(`${stackName} is deleted, with its network, roles and grants.`)).toBeVisible();
  await expect(page.getByText('not a setup made by this app')).toBeHidden();
  await captureScreen(page, '15-torn-down');
  expect(await look.stackStatuses(stackName)).toEqual(['DELETE_COMPLETE']);

  // The dashboard no longer lists it.
  await page.getByRole('button', { name: 'Back to all setups' }).click();
  await expect(page.getByRole('heading', { name: 'Your DataChain setups' })).toBeVisible();
  await expect(page.getByText('Looking for setups in every region…')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(stackName)).toBeHidden();
});

test("team beta reviewing over team acme's setup is warned who loses access, and cannot deploy unconfirmed", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seed = seeder(REGION);
  const taken = `tk${run}`;
  const bucket = `dcs-${run}-acme`;
  await seed.bucket(bucket);
  const draftFor = (team: string) => ({
    region: REGION,
    zones: [`${REGION}a`, `${REGION}b`],
    studio: { issuer: ISSUER, team, computeCredentials: 'datachain-compute', storageCredentials: 'datachain-storage' },
    namePrefix: taken,
    buckets: team === 'acme' ? [{ name: bucket, grantKms: false }] : [],
  });
  await world.seedDraft('review', draftFor('acme'));
  await page.goto(await world.launchUrl());
  await expect(page.getByText(`Create the stack ${taken}-datachain-cluster in ${REGION}`)).toBeVisible({
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 60_000 });

  // Another team, same names: Review says whose setup it is and what they lose. (The page is
  // closed first: leaving it saves its own draft.)
  await page.goto('about:blank');
  await world.seedDraft('review', draftFor('beta'));
  await page.goto(await world.launchUrl());
  const warning = page.getByText(
    'This setup belongs to Studio team "acme". Deploying this plan hands it to team "beta".',
  );
  await expect(warning).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(`Studio jobs lose the bucket ${bucket}.`)).toBeVisible();
  const deploy = page.getByRole('button', { name: 'Deploy', exact: true });
  await expect(deploy).toBeDisabled();
  await expect(page.getByText('Confirm who loses access')).toBeVisible();
  await captureScreen(page, '16-review-takeover');
  await page.getByLabel('I understand who loses access, and want to deploy this plan anyway.').check();
  await expect(deploy).toBeEnabled();
  // The way out: a prefix of its own, which plans a new setup and no takeover.
  await page.getByRole('button', { name: 'use the name prefix “beta”' }).click();
  await expect(page.getByText(`Create the stack beta-datachain-cluster in ${REGION}`)).toBeVisible({ timeout: 30_000 });
  await expect(warning).toBeHidden();
  expect(await inspector(REGION).stackStatuses(`${taken}-datachain-cluster`)).toEqual(['CREATE_COMPLETE']);
});
