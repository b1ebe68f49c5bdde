import { launchHost, motoHostEnv } from '../support/host';
import { expect, test } from '../support/fixtures';
import { captureScreen } from '../support/screens';
import { startUpdateFeed } from '../../test/support/update-feed';

test('a newer version on the feed is downloaded in the background and offered as "restart to update"', async ({
  page,
}) => {
  test.setTimeout(180_000); // two themes with axe on a busy machine
  // The host runs the desktop app's update service (electron-updater's generic provider) against
  // a local feed that serves a newer version's latest-linux.yml and file.
  const feed = await startUpdateFeed('9.9.0');
  const host = await launchHost({ ...motoHostEnv(), DCS_UPDATE_FEED: feed.url });
  try {
    await page.goto(host.launchUrl);
    await expect(page.getByRole('heading', { name: 'Where should Studio run your clusters?' })).toBeVisible();
    const banner = page.getByRole('region', { name: 'App update' });
    await expect(banner).toContainText('Version 9.9.0 is ready.');
    expect(feed.requests).toContain('/latest-linux.yml');
    expect(feed.requests).toContain('/datachain-cluster-setup-9.9.0-linux-amd64.deb');
    await captureScreen(page, '00-update-ready');
    await banner.getByRole('button', { name: 'Restart to update' }).click();
    // Nothing runs, so main takes the install (the host has nothing to replace): no refusal shown.
    await expect(banner).not.toContainText('still running');
  } finally {
    await host.stop();
    await feed.close();
  }
});

test('no banner when the feed has nothing newer', async ({ page }) => {
  const feed = await startUpdateFeed('0.0.1');
  const host = await launchHost({ ...motoHostEnv(), DCS_UPDATE_FEED: feed.url });
  try {
    await page.goto(host.launchUrl);
    await expect(page.getByRole('heading', { name: 'Where should Studio run your clusters?' })).toBeVisible();
    await expect.poll(() => feed.requests).toContain('/latest-linux.yml');
    await expect(page.getByRole('region', { name: 'App update' })).toHaveCount(0);
  } finally {
    await host.stop();
    await feed.close();
  }
});
