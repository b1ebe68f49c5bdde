import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';
import { seeder } from '../support/seed';
import { ISSUER, startWorld, type World } from '../support/world';

const REGION = 'ap-northeast-2';
const run = Date.now().toString(36).slice(-5);
const prefix = `e2e${run}`;
let world: World;

test.beforeAll(async () => {
  world = await startWorld();
});
test.afterAll(async () => world?.close());

test('a first-time user goes from sign-in to an exported Studio config', async ({ page }) => {
  test.setTimeout(480_000);
  const seed = seeder(REGION);
  const plainBucket = `dcs-${run}-data`;
  const kmsBucket = `dcs-${run}-vault`;
  const keyArn = await seed.kmsBucket(kmsBucket);
  await seed.bucket(plainBucket);
  const secretArn = await seed.secret(`dcs/${run}/db-url`);

  await page.goto(await world.launchUrl());

  // 1. Cloud
  await expect(page.getByRole('heading', { name: 'Where should Studio run your clusters?' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('Signed in');
  await captureScreen(page, '01-cloud');
  // Signed in already: Next would skip the sign-in step; other credentials are one click away.
  await page.getByRole('button', { name: 'Use other credentials' }).click();

  // 2. Sign in
  await expect(page.getByRole('heading', { name: 'Sign in to AWS' })).toBeVisible();
  await page.getByRole('radio', { name: /Default credentials/ }).check();
  await page.getByRole('button', { name: 'Use these credentials' }).click();
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('123456789012');
  await captureScreen(page, '02-sign-in');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // 3. Studio connection: bad input is caught as typed, and Next waits for a valid step.
  await page.getByLabel('Studio team (or user)').fill('acme/*');
  await expect(page.getByText('may contain only letters, digits, dots, hyphens and underscores')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByLabel('Studio team (or user)').fill('acme-e2e');
  await page.getByLabel('OIDC issuer').fill(ISSUER);
  await expect(page.getByText('Issuer verified')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Token subjects' })).toContainText(
    'credentials:acme-e2e/datachain-compute',
  );
  await captureScreen(page, '03-studio');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // 4. Region and zones
  await expect(page.getByRole('heading', { name: 'Where clusters run' })).toBeVisible();
  await page.getByLabel('Region', { exact: true }).selectOption(REGION);
  await expect(page.getByRole('checkbox', { name: `${REGION}a` })).toBeChecked();
  // 4b. Node pools, on the same screen: a GPU pool the quota cannot serve is rejected with the reason.
  await page.getByRole('button', { name: 'Add GPU workers' }).click();
  await expect(
    page.getByText(/can grow to 16 On-Demand vCPUs of G and VT instances, but the account may run only 0/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await captureScreen(page, '07-node-pools-over-quota');
  await page.getByRole('button', { name: 'Remove this pool' }).click();
  await page.getByRole('button', { name: 'Add CPU workers' }).click();
  await page.getByLabel('Max nodes').fill('1');
  await page.getByLabel('Min nodes').fill('3');
  await expect(page.getByText('min (3) is larger than max (1)', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByLabel('Min nodes').fill('0');
  await page.getByLabel('Max nodes').fill('6');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'vCPU quotas' })).toContainText('Fits');
  await captureScreen(page, '04-region-and-pools');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // 5. Buckets: search, pick, a customer KMS key is flagged and its grant offered.
  await page.getByLabel('Search buckets').fill(`dcs-${run}`);
  await page.getByRole('checkbox', { name: plainBucket }).check();
  await page.getByRole('checkbox', { name: kmsBucket }).check();
  const granted = page.getByRole('region', { name: 'Granted buckets' });
  await expect(granted).toContainText(keyArn);
  await expect(granted.getByRole('checkbox', { name: /Let the storage role use this key/ })).toBeChecked();
  await page.getByLabel('Add a bucket by name').fill('Not_A_Bucket');
  await expect(page.getByText('may contain only lowercase letters, digits, dots and hyphens')).toBeVisible();
  await page.getByLabel('Add a bucket by name').fill('');
  await captureScreen(page, '05-buckets');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // 6. Secrets: the ready-to-paste reference.
  await page.getByLabel('Search secrets').fill(run);
  await page.getByRole('checkbox', { name: `dcs/${run}/db-url` }).check();
  await expect(page.getByLabel('Job variable')).toHaveValue('DB_URL');
  await page.getByLabel('JSON key').fill('url');
  const reference = `DB_URL=awssecret://${secretArn}#url`;
  await expect(page.getByRole('region', { name: 'Granted secrets' })).toContainText(reference);
  await captureScreen(page, '06-secrets');
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // 8. Review: the plan, every IAM document, the cost.
  await page.getByLabel('Name prefix').fill(prefix);
  await expect(page.getByText(`Create the stack ${prefix}-datachain-cluster in ${REGION}`)).toBeVisible({
    timeout: 30_000,
  });
  // The network quotas were read (Service Quotas), so the plan has nothing to warn about.
  await expect(page.getByText(/Could not read the .* quota|quota .* could not be read/)).toHaveCount(0);
  const changes = page.getByRole('table', { name: 'Planned changes' });
  // The account's one OIDC provider per issuer: made by this stack, or reused when one exists (moto is
  // shared with the other tests, and the stacks they deployed made it).
  await expect(changes).toContainText('StoragePolicy');
  if (await seed.hasOidcProvider(ISSUER)) await expect(changes).not.toContainText('OidcProvider');
  else await expect(changes).toContainText('OidcProvider');
  await page.getByText(`inline policy ${prefix}-datachain-oidc-storage`).click();
  await expect(page.getByRole('region', { name: 'IAM policies' })).toContainText(`arn:aws:s3:::${kmsBucket}/*`);
  await expect(page.getByRole('region', { name: 'What it costs' })).toContainText('free');
  await captureScreen(page, '08-review');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();

  // 9. Deploy: live status until it is done.
  await expect(page.getByRole('heading', { name: 'Deployed' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Resources' })).toContainText('Vpc');
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuenow', '100');
  await captureScreen(page, '09-deploy');
  await page.getByRole('button', { name: 'See the outputs' }).click();

  // 10. Outputs and the exported Studio config.
  const outputs = page.getByRole('table', { name: 'Outputs' });
  await expect(outputs).toContainText('datachain_oidc_compute_role_arn');
  await expect(outputs).toContainText(`arn:aws:iam::123456789012:role/${prefix}-datachain-oidc-storage`);
  await captureScreen(page, '10-outputs');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Studio config (JSON)' }).click();
  const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  const schema = JSON.parse(readFileSync('docs/schemas/studio-config.v1.schema.json', 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
  expect(file).toMatchObject({
    version: 1,
    cloud: 'aws',
    region: REGION,
    stack: { name: `${prefix}-datachain-cluster`, id: expect.stringContaining(`:stack/${prefix}-datachain-cluster/`) },
    studio: {
      issuer: ISSUER,
      team: 'acme-e2e',
      credentials: {
        compute: { name: 'datachain-compute', subject: 'credentials:acme-e2e/datachain-compute' },
        storage: { name: 'datachain-storage', subject: 'credentials:acme-e2e/datachain-storage' },
      },
    },
    storage: {
      buckets: expect.arrayContaining([plainBucket, kmsBucket]),
      secrets: [{ arn: secretArn, envName: 'DB_URL', key: 'url', reference }],
      kmsKeys: [keyArn],
    },
  });
  expect(Object.keys(file.outputs)).toEqual(
    expect.arrayContaining([
      'datachain_aws_region',
      'datachain_cluster_vpc_id',
      'datachain_cluster_subnet_ids',
      'datachain_cluster_security_group_ids',
      'datachain_cluster_role_arn',
      'datachain_cluster_node_role_arn',
      'datachain_oidc_compute_role_arn',
      'datachain_oidc_storage_role_arn',
    ]),
  );
  expect(file.outputs.datachain_cluster_subnet_ids).toHaveLength(4);
  expect(file.nodePools.map((p: { name: string }) => p.name)).toEqual(['system', 'cpu-workers']);

  const tf = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export terraform output -json' }).click();
  const tfOutput = JSON.parse(readFileSync((await (await tf).path())!, 'utf8'));
  expect(tfOutput.datachain_cluster_subnet_ids).toEqual({
    sensitive: false,
    type: ['list', 'string'],
    value: file.outputs.datachain_cluster_subnet_ids,
  });
  expect(tfOutput.datachain_aws_region).toEqual({ sensitive: false, type: 'string', value: REGION });

  const yaml = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as YAML' }).click();
  const yamlText = readFileSync((await (await yaml).path())!, 'utf8');
  expect(yamlText).toContain(`reference: ${JSON.stringify(reference)}`);
});
