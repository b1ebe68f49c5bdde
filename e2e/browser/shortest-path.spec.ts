import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';
import { seeder } from '../support/seed';
import { ISSUER, startWorld, type World } from '../support/world';

/*
 * Issue 15: from the first screen to an exported Studio config on the defaults, with one bucket
 * and one JSON secret, in at most 12 actions counted as a person acts (a click, a field filled, a
 * box checked). Every step is found by its visible label. The region comes from the environment
 * of the default credentials (AWS_REGION), as the AWS CLI and SDKs take it.
 */
const REGION = 'ca-central-1';
const MAX_ACTIONS = 12;
const run = Date.now().toString(36).slice(-5);
let world: World;

test.beforeAll(async () => {
  world = await startWorld({ env: { AWS_REGION: REGION } });
});
test.afterAll(async () => world?.close());

/** Every user action goes through here, so the count is the path as a person walks it. */
function actions() {
  const done: string[] = [];
  return {
    done,
    async click(what: string, target: Locator) {
      done.push(`click ${what}`);
      await target.click();
    },
    async fill(what: string, target: Locator, value: string) {
      done.push(`fill ${what}`);
      await target.fill(value);
    },
    async check(what: string, target: Locator) {
      done.push(`check ${what}`);
      await target.check();
    },
  };
}

test('the default path to an exported Studio config takes at most 12 actions, and Review sums up the plan', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const seed = seeder(REGION);
  const bucket = `dcs-${run}-short`;
  await seed.bucket(bucket);
  const secretArn = await seed.secret(`dcs/${run}/warehouse`);
  await seed.accountAlias(`acme-${run}`).catch(() => undefined); // one alias per account: a rerun keeps the first
  const act = actions();
  const next = page.getByRole('button', { name: 'Next', exact: true });

  await page.goto(await world.launchUrl());

  // The first screen: who the default credentials are, with the account alias.
  const identity = page.getByRole('region', { name: 'AWS identity' });
  await expect(identity).toContainText('Signed in');
  await expect(identity).toContainText('Alias');
  await act.click('Next on the cloud step', next);

  // Studio connection: the team, and (only because this world's issuer is not Studio's) the issuer.
  await expect(page.getByRole('heading', { name: 'Connect to DataChain Studio' })).toBeVisible();
  await act.fill('the Studio team', page.getByLabel('Studio team (or user)'), 'acme-short');
  await act.fill('the OIDC issuer', page.getByLabel('OIDC issuer'), ISSUER);
  await expect(page.getByText('Issuer verified')).toBeVisible();
  await act.click('Next on the Studio step', next);

  // Region, zones and node pools: all pre-filled and checked.
  await expect(page.getByRole('heading', { name: 'Where clusters run' })).toBeVisible();
  await expect(page.getByLabel('Region', { exact: true })).toHaveValue(REGION);
  await expect(page.getByRole('checkbox', { name: `${REGION}a` })).toBeChecked();
  await expect(page.getByRole('region', { name: 'vCPU quotas' })).toContainText('Fits');
  await act.click('Next on the region step', next);

  // One bucket (the cluster's region is listed first).
  await expect(page.getByRole('heading', { name: 'Buckets Studio jobs may use' })).toBeVisible();
  await act.check(`the bucket ${bucket}`, page.getByRole('checkbox', { name: bucket }));
  await expect(page.getByRole('region', { name: 'Granted buckets' })).toContainText(bucket);
  await act.click('Next on the buckets step', next);

  // One JSON secret: its job variable is suggested, its key typed.
  await expect(page.getByRole('heading', { name: 'Secrets Studio jobs may read' })).toBeVisible();
  await act.check('the secret', page.getByRole('checkbox', { name: `dcs/${run}/warehouse` }));
  await expect(page.getByLabel('Job variable')).toHaveValue('WAREHOUSE');
  await act.fill('the JSON key', page.getByLabel('JSON key'), 'url');
  await act.click('Next on the secrets step', next);

  // Review: the summary first, and it says what the plan below it does.
  await expect(page.getByRole('heading', { name: 'Review the plan' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary).toBeVisible({ timeout: 30_000 });
  const who = summary.getByRole('region', { name: 'Who' });
  await expect(who).toContainText('acme-short');
  await expect(who).toContainText('credentials:acme-short/datachain-compute');
  await expect(who).toContainText('credentials:acme-short/datachain-storage');
  const where = summary.getByRole('region', { name: 'Where' });
  await expect(where).toContainText('123456789012');
  await expect(where).toContainText(`Canada (Central) · ${REGION}`);
  await expect(where).toContainText(`${REGION}a`);
  await expect(where).toContainText('datachain-cluster');
  const touch = summary.getByRole('region', { name: 'What Studio may touch' });
  await expect(touch.getByRole('listitem').filter({ hasText: bucket })).toContainText('read and write');
  const secretLine = touch.getByRole('listitem').filter({ hasText: `dcs/${run}/warehouse` });
  await expect(secretLine).toContainText('read');
  await expect(secretLine).toContainText('as WAREHOUSE (JSON key url)');
  // The counts by kind are those of the planned changes below.
  const rows = page.getByRole('table', { name: 'Planned changes' }).getByRole('row');
  const added = (type: string) =>
    rows
      .filter({ has: page.getByRole('cell', { name: 'Add', exact: true }) })
      .filter({ has: page.getByRole('cell', { name: type, exact: true }) })
      .count();
  const roles = await added('AWS::IAM::Role');
  const subnets = await added('AWS::EC2::Subnet');
  expect(roles).toBeGreaterThan(0);
  const creates = summary.getByRole('region', { name: 'What gets created' });
  await expect(creates).toContainText(`${roles} IAM roles`);
  await expect(creates).toContainText(`${subnets} public subnets`);
  await expect(summary.getByRole('region', { name: 'What it costs' })).toContainText('free');
  await expect(summary.getByRole('region', { name: 'This will not' })).toContainText('Read a secret’s value');
  await captureScreen(page, '08-review-summary');
  await act.click('Deploy', page.getByRole('button', { name: 'Deploy', exact: true }));

  // Deployed: the outputs, the export and what to do in Studio are on the same screen.
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 60_000 });
  const checklist = page.getByRole('region', { name: 'Next, in Studio' });
  await expect(checklist).toContainText('Create the compute credentials named exactly datachain-compute');
  await captureScreen(page, '09-deployed-with-outputs');
  const download = page.waitForEvent('download');
  await act.click('Export Studio config (JSON)', page.getByRole('button', { name: 'Export Studio config (JSON)' }));
  const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(file.storage.buckets).toEqual([bucket]);
  expect(file.storage.secrets).toEqual([expect.objectContaining({ arn: secretArn, envName: 'WAREHOUSE', key: 'url' })]);
  expect(file.readme.join('\n')).toContain('Create the storage credentials named exactly datachain-storage');

  await testInfo.attach('counted-actions', { body: act.done.map((a, i) => `${i + 1}. ${a}`).join('\n') });
  console.log(`Counted path (${act.done.length} actions):\n${act.done.map((a, i) => `${i + 1}. ${a}`).join('\n')}`);
  expect(act.done.length, act.done.join('; ')).toBeLessThanOrEqual(MAX_ACTIONS);
});
