#!/usr/bin/env node
// A "browser" for InteractiveBrowserCredential tests (set as $BROWSER; xdg-open runs it with the
// URL): it opens the authorize URL through the Azure peer's CONNECT proxy (AZURE_PEER_PROXY) trusting
// only the peer's test root (AZURE_PEER_CA), where the signed-in user is approved at once, then
// follows the 302 to the app's loopback redirect, like a real browser would.
import { readFileSync } from 'node:fs';
import { get as httpGet, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';

const target = new URL(process.argv[2] ?? '');
const proxy = new URL(process.env.AZURE_PEER_PROXY ?? '');
const ca = readFileSync(process.env.AZURE_PEER_CA ?? '', 'utf8');

function viaProxy(url) {
  return new Promise((resolve, reject) => {
    const connect = httpRequest({
      host: proxy.hostname,
      port: proxy.port,
      method: 'CONNECT',
      path: `${url.hostname}:443`,
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) return reject(new Error(`proxy refused ${url.hostname} (${res.statusCode})`));
      const req = httpsRequest(
        {
          host: url.hostname,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          createConnection: () => tlsConnect({ socket, servername: url.hostname, ca }),
        },
        (answer) => {
          answer.resume();
          answer.on('end', () => resolve(answer));
        },
      );
      req.once('error', reject);
      req.end();
    });
    connect.once('error', reject);
    connect.end();
  });
}

const answer = await viaProxy(target);
const location = answer.headers.location;
if (answer.statusCode !== 302 || !location) {
  console.error(`fake browser: authorize answered ${answer.statusCode} without a redirect`);
  process.exit(1);
}
await new Promise((resolve, reject) => {
  httpGet(location, (res) => {
    res.resume();
    res.on('end', resolve);
  }).once('error', reject);
});
