import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';
import { startWorld, type World } from '../support/world';

const ACCOUNT = '123456789012';
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
let world: World;

test.beforeAll(async () => {
  world = await startWorld({
    awsFiles: {
      config: [
        '[profile dev]',
        'region = eu-north-1',
        '[profile admin-mfa]',
        `role_arn = arn:aws:iam::${ACCOUNT}:role/DataChainAdmin`,
        'source_profile = dev',
        `mfa_serial = arn:aws:iam::${ACCOUNT}:mfa/alice`,
        '[profile corp-sso]',
        'sso_session = corp',
        `sso_account_id = ${ACCOUNT}`,
        'sso_role_name = PowerUser',
        'region = eu-north-1',
        '[sso-session corp]',
        'sso_start_url = https://d-1234567890.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '[profile half-done]',
        'region = us-east-1',
      ].join('\n'),
      credentials: ['[dev]', `aws_access_key_id = ${KEY}`, `aws_secret_access_key = ${SECRET}`].join('\n'),
    },
    ssoAccounts: [{ accountId: ACCOUNT, accountName: 'dev', roles: ['PowerUser'] }],
  });
});
test.afterAll(async () => world?.close());

test('sign in with a profile, an MFA code, and IAM Identity Center', async ({ page }) => {
  // Four screens captured in two themes with axe: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  await page.goto(await world.launchUrl());
  // Signed in already (environment credentials): the cloud step says who, and offers other credentials.
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('Signed in');
  await page.getByRole('button', { name: 'Use other credentials' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to AWS' })).toBeVisible();

  // Every profile, by kind; one without credentials cannot be chosen.
  await expect(page.getByRole('radio', { name: /dev\s+Access keys/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: /half-done/ })).toBeDisabled();
  await page.getByRole('radio', { name: /^dev\b/ }).check();
  await page.getByRole('button', { name: 'Use these credentials' }).click();
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText(ACCOUNT);
  await captureScreen(page, '02-sign-in-profiles');

  // A role that asks for MFA: the code is asked for here, checked as typed, and never stored.
  await page.getByRole('radio', { name: /admin-mfa/ }).check();
  await page.getByRole('button', { name: 'Use these credentials' }).click();
  const code = page.getByRole('textbox', { name: 'MFA code' });
  await expect(code).toBeVisible();
  await expect(page.getByText(`From the device arn:aws:iam::${ACCOUNT}:mfa/alice`)).toBeVisible();
  await code.fill('12a');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
  await captureScreen(page, '02-sign-in-mfa');
  await code.fill('123456');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('assumed-role/DataChainAdmin');
  expect(JSON.stringify(world.savedDraft())).not.toContain('123456');

  // IAM Identity Center: the device code is shown; the app waits until the user confirms it.
  world.contract.nextUserAction = 'ignore';
  await page.getByRole('radio', { name: /corp-sso/ }).check();
  await page.getByRole('button', { name: 'Use these credentials' }).click();
  await expect(page.getByText('has no valid session')).toBeVisible();
  await page.getByRole('button', { name: 'Sign in with IAM Identity Center' }).click();
  const prompt = page.getByRole('region', { name: 'IAM Identity Center sign-in' });
  await expect(prompt).toContainText(/[0-9A-F]{4}-[0-9A-F]{4}/);
  await expect(prompt.getByText('Waiting for you to allow access…')).toBeVisible();
  await captureScreen(page, '02-sign-in-sso');
  expect(world.contract.approvePending()).toBe(1);
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('via profile "corp-sso"', {
    timeout: 15_000,
  });
});

test('a restored draft whose role needs MFA asks for the code in a dialog, keeping the work', async ({ page }) => {
  await world.seedDraft('region', {
    profile: 'admin-mfa',
    region: 'eu-north-1',
    studio: { team: 'acme', issuer: 'studio.datachain.ai/api' },
  });
  await page.goto(await world.launchUrl());
  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your work in the wizard is kept.');
  await captureScreen(page, '02-sign-in-again');
  await dialog.getByRole('textbox', { name: 'MFA code' }).fill('654321');
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Where clusters run' })).toBeVisible();
  await expect(page.getByLabel('Region', { exact: true })).toHaveValue('eu-north-1');
});
