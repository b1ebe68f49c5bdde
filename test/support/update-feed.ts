/**
 * A local update feed as electron-builder publishes one to a generic server: latest-linux.yml
 * naming a .deb with its sha512 and size, and the file itself. `tamper` serves other bytes than
 * the ones the feed's checksum describes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpdateFeed {
  url: string;
  version: string;
  /** Requests seen, as paths. */
  requests: string[];
  tamper: boolean;
  close(): Promise<void>;
}

export async function startUpdateFeed(version: string): Promise<UpdateFeed> {
  const file = `datachain-cluster-setup-${version}-linux-amd64.deb`;
  const body = randomBytes(64 * 1024);
  const sha512 = createHash('sha512').update(body).digest('base64');
  const latest = [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${body.length}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-12-01T00:00:00.000Z'`,
    '',
  ].join('\n');
  const feed: UpdateFeed = { url: '', version, requests: [], tamper: false, close: async () => {} };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    feed.requests.push(path);
    if (path === '/latest-linux.yml') {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(latest);
    } else if (path === `/${file}`) {
      const bytes = feed.tamper ? randomBytes(body.length) : body;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feed.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  feed.close = () => new Promise((resolve) => server.close(() => resolve()));
  return feed;
}
