import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';
import { startWorld, type World } from '../support/world';

/** A computer with no AWS set up: empty ~/.aws files, no keys in the environment. */
const ACCOUNTS = [
  {
    accountId: '123456789012',
    accountName: 'data-platform',
    roles: ['AdministratorAccess', 'DataChainSetup', 'ReadOnly'],
  },
  { accountId: '210987654321', accountName: 'sandbox', roles: ['PowerUser'] },
  { accountId: '111122223333', accountName: 'billing', roles: ['Billing'] },
];
let world: World;

// Each test is a new computer with no AWS set up (the first one saves a profile).
test.beforeEach(async () => {
  world = await startWorld({
    awsFiles: { config: '# my settings\n', credentials: '' },
    ssoAccounts: ACCOUNTS,
    env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '' },
  });
});
test.afterEach(async () => world?.close());

const file = (name: string) => path.join(world.awsHome!, '.aws', name);

test('IAM Identity Center from its start URL: code, account, role, then saved as a profile', async ({ page }) => {
  test.setTimeout(240_000);
  world.contract.nextUserAction = 'ignore';
  world.contract.pageSize = 2;
  await page.goto(await world.launchUrl());
  await page.getByRole('button', { name: 'Choose credentials' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to AWS' })).toBeVisible();
  await expect(page.getByText(/No profiles in/)).toBeVisible();
  // Nothing configured: the start URL comes first.
  await expect(page.getByRole('radio', { name: /IAM Identity Center/ })).toBeChecked();
  await page.getByRole('button', { name: 'Sign in with IAM Identity Center' }).click();
  await expect(page.getByText('a start URL is an https:// address')).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'enter the start URL' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Start URL' }).fill('d-9067000000.awsapps.com/start');
  await page.getByRole('combobox', { name: 'IAM Identity Center region' }).selectOption('eu-west-1');
  await captureScreen(page, '02-sign-in-start-url');
  await page.getByRole('button', { name: 'Sign in with IAM Identity Center' }).click();

  const prompt = page.getByRole('region', { name: 'IAM Identity Center sign-in' });
  await expect(prompt).toContainText(/[0-9A-F]{4}-[0-9A-F]{4}/);
  // In a browser tab nothing opened by itself: the page is a link, and the text does not pretend.
  const link = prompt.getByRole('link', { name: 'Open the AWS sign-in page' });
  await expect(link).toHaveAttribute('href', /user_code=/);
  await expect(prompt).not.toContainText('opened');
  await expect(prompt.getByRole('button', { name: 'Copy the code' })).toBeVisible();
  await captureScreen(page, '02-sign-in-start-url-code');
  expect(world.contract.approvePending()).toBe(1);

  // The accounts, two a page.
  const accounts = page.getByRole('group', { name: 'Account' });
  await expect(accounts.getByRole('radio')).toHaveCount(2, { timeout: 20_000 });
  await accounts.getByRole('button', { name: 'Show more accounts' }).click();
  await expect(accounts.getByRole('radio')).toHaveCount(3);
  await expect(accounts.getByRole('button', { name: 'Show more accounts' })).toBeHidden();
  await accounts.getByRole('radio', { name: /data-platform/ }).check();
  const roles = page.getByRole('group', { name: 'Role in data-platform' });
  await expect(roles.getByRole('radio')).toHaveCount(2);
  await roles.getByRole('button', { name: 'Show more roles' }).click();
  await roles.getByRole('radio', { name: 'DataChainSetup' }).check();
  await captureScreen(page, '02-sign-in-account-role');
  await page.getByRole('button', { name: 'Use this role' }).click();
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('123456789012', { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('DataChainSetup');

  // Nothing written until asked; then the CLI's own format.
  const config = file('config');
  expect(readFileSync(config, 'utf8')).toBe('# my settings\n');
  await expect(page.getByRole('region', { name: 'Save as a profile' })).toBeVisible();
  await captureScreen(page, '02-sign-in-save-profile');
  await page.getByRole('textbox', { name: 'Profile name' }).fill('datachain');
  await page.getByRole('button', { name: 'Save as a profile' }).click();
  await expect(page.getByText('Saved as the profile "datachain"')).toBeVisible();
  await expect(page.getByText('aws sso login --profile datachain')).toBeVisible();
  const text = readFileSync(config, 'utf8');
  expect(text).toContain('# my settings\n');
  expect(text).toContain(
    '[sso-session d-9067000000]\nsso_start_url = https://d-9067000000.awsapps.com/start\nsso_region = eu-west-1\n',
  );
  expect(text).toContain(
    '[profile datachain]\nsso_session = d-9067000000\nsso_account_id = 123456789012\nsso_role_name = DataChainSetup\n',
  );
  // No token anywhere on disk, none in the draft.
  expect(text).not.toMatch(/access-|refresh-/);
  expect(JSON.stringify(world.savedDraft())).not.toMatch(/access-|refresh-|session-/);
});

test('access keys typed into the app: used from memory, written 0600 only when saved', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(await world.launchUrl());
  await page.getByRole('button', { name: 'Choose credentials' }).click();
  await page.getByRole('radio', { name: /Access keys/ }).check();
  await page.getByRole('textbox', { name: 'Access key ID' }).fill('my key');
  await page.getByRole('button', { name: 'Use these keys' }).click();
  await expect(page.getByText('an access key id starts with AKIA or ASIA')).toBeVisible();
  // A paste gone wrong (a whole file) is cut at the schema's limit, not kept whole in memory.
  await page.getByLabel('Secret access key', { exact: true }).fill('x'.repeat(5000));
  expect(await page.getByLabel('Secret access key', { exact: true }).inputValue()).toHaveLength(128);
  await page.getByRole('textbox', { name: 'Access key ID' }).fill('AKIAIOSFODNN7EXAMPLE');
  await page.getByLabel('Secret access key', { exact: true }).fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  await captureScreen(page, '02-sign-in-keys');
  await page.getByRole('button', { name: 'Use these keys' }).click();
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText(/\d{12}/, { timeout: 20_000 });
  const credentials = file('credentials');
  expect(readFileSync(credentials, 'utf8')).toBe('');
  await page.getByRole('textbox', { name: 'Profile name' }).fill('typed');
  await page.getByRole('button', { name: 'Save as a profile' }).click();
  await expect(page.getByText('Saved as the profile "typed"')).toBeVisible();
  expect(statSync(credentials).mode & 0o777).toBe(0o600);
  expect(readFileSync(credentials, 'utf8')).toContain('[typed]\naws_access_key_id = ');
  expect(JSON.stringify(world.savedDraft())).not.toContain('EXAMPLEKEY');
});
