import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../support/fixtures';

/**
 * Browsers scope cookies by host, not by port: any page served from another port of 127.0.0.1
 * is a different origin but the same "site". Such a page, opened in the same browser after the
 * user opened the wizard, must not be able to use the wizard's session.
 */
function attackerPage(target: string): string {
  return `<!doctype html><title>other local page</title><script>
  window.attempts = (async () => {
    const target = ${JSON.stringify(target)};
    const body = JSON.stringify({ method: 'aws.whoami', input: {} });
    const out = {};
    const attempt = async (name, run) => {
      try { out[name] = await run(); } catch (error) { out[name] = 'blocked: ' + error.name; }
    };
    await attempt('cors', async () => {
      const r = await fetch(target + 'api/call', { method: 'POST', credentials: 'include',
        headers: { 'content-type': 'application/json' }, body });
      return r.status + ' ' + (await r.text());
    });
    await attempt('simple', async () => {
      const r = await fetch(target + 'api/call', { method: 'POST', credentials: 'include', mode: 'no-cors',
        headers: { 'content-type': 'text/plain' }, body });
      return 'opaque ' + r.type;
    });
    await attempt('session', async () => {
      const r = await fetch(target + 'api/session', { method: 'POST', credentials: 'include',
        headers: { 'content-type': 'application/json' }, body: JSON.stringify({ launch: 'guess' }) });
      return r.status + ' ' + (await r.text());
    });
    await attempt('page', async () => {
      const r = await fetch(target, { credentials: 'include' });
      return r.status + ' ' + (await r.text()).slice(0, 40);
    });
    out.cookie = document.cookie;
    return out;
  })();
</script>`;
}

test('a page served from another local port cannot call the API, even after the wizard was opened', async ({
  wizard: { page, host },
}) => {
  await expect(page.getByText('Signed in')).toBeVisible({ timeout: 30_000 });
  // The wizard's page holds a session the host honours (its own calls work) …
  const cookies = await page.context().cookies();
  expect(cookies, 'the host sets no cookie at all').toEqual([]);

  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls += 1;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackerPage(host.url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const evil = await page.context().newPage();
    await evil.goto(`http://127.0.0.1:${port}/`);
    const attempts = (await evil.evaluate(
      () => (window as unknown as { attempts: Promise<unknown> }).attempts,
    )) as Record<string, string>;
    expect(calls).toBeGreaterThan(0);
    // … but another origin gets nothing: no readable answer, no cookie, no session.
    expect(attempts.cors).toMatch(/^blocked/);
    expect(attempts.session).toMatch(/^blocked/);
    expect(attempts.page).toMatch(/^blocked/);
    expect(attempts.cookie).toBe('');
    await evil.close();

    // And the host itself refuses what a blind request could still send: a foreign Origin.
    const direct = await fetch(new URL('/api/call', host.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ method: 'aws.whoami', input: {} }),
    });
    expect(direct.status).toBe(403);
    // The wizard still works in its own tab, also after a reload (the session is kept by the tab).
    await page.reload();
    await expect(page.getByText('Signed in')).toBeVisible({ timeout: 30_000 });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
