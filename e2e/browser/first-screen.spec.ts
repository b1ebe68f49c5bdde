import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { motoHostEnv, launchHost, noCredentialsEnv } from '../support/host';
import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';

async function accountSeenByMoto(): Promise<string> {
  const env = motoHostEnv();
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
  return (await sts.send(new GetCallerIdentityCommand({}))).Account!;
}

test('the first screen shows who the local AWS credentials belong to', async ({ wizard: { page, host } }) => {
  // The one-time launch token was traded for the session and removed from the address bar.
  await expect(page).toHaveURL(host.url);
  await expect(page.getByRole('heading', { name: 'Where should Studio run your clusters?' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Amazon Web Services/ })).toBeChecked();

  const identity = page.getByRole('region', { name: 'AWS identity' });
  await expect(identity.getByText('Signed in')).toBeVisible();
  const account = await accountSeenByMoto();
  await expect(identity.locator('dt', { hasText: 'Account' }).locator('+ dd')).toHaveText(account);
  await expect(identity).toContainText(`arn:aws:`);
  await expect(identity).toContainText('environment variables');
  await captureScreen(page, '01-cloud-aws-signed-in');
});

test('without credentials the first screen says what to do', async ({ page }) => {
  const host = await launchHost(noCredentialsEnv());
  try {
    await page.goto(host.launchUrl);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('No AWS credentials were found.');
    await expect(alert).toContainText('aws configure');
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    await captureScreen(page, '01-cloud-aws-no-credentials');
  } finally {
    await host.stop();
  }
});

test('the wizard is not reachable without the launch link', async ({ page }) => {
  const host = await launchHost(motoHostEnv());
  try {
    await page.goto(host.url);
    await expect(page.getByRole('alert').first()).toContainText('This window has no session with the app.');
    await expect(page.getByRole('alert').first()).toContainText('Open the link printed by npm start');
    await expect(page.getByText('Signed in')).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('the renderer runs under the strict CSP, with no Node and no bridge in the page', async ({ wizard: { page } }) => {
  await expect(page.getByRole('heading', { name: 'Where should Studio run your clusters?' })).toBeVisible();
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    wizard: typeof (window as unknown as { wizard?: unknown }).wizard,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', wizard: 'undefined' });
  // An inline script is refused by the CSP.
  const inlineRan = await page.evaluate(async () => {
    const marker = window as unknown as { __inline?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.head.appendChild(script);
    await new Promise((r) => setTimeout(r, 50));
    return marker.__inline === true;
  });
  expect(inlineRan).toBe(false);
});

test('the wizard works from the keyboard, with a visible focus and focus moved to each new screen', async ({
  wizard: { page },
}) => {
  await expect(page.getByRole('region', { name: 'AWS identity' })).toContainText('Signed in');
  // The skip link comes first, then the controls, each showing where focus is.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Skip to/ })).toBeFocused();
  const next = page.getByRole('button', { name: 'Next', exact: true });
  for (let i = 0; i < 40 && !(await next.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  const outline = await next.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  // Signed in already, so Next goes on to the Studio connection; its heading takes focus, so
  // reading starts there.
  await expect(page.getByRole('heading', { name: 'Connect to DataChain Studio' })).toBeFocused();
  // Tab continues from there into the new screen, not back at the top bar.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});
