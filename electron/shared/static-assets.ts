import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Map a URL path onto a file under `root`, or null when the path is malformed or would leave
 * `root` (`..`, encoded `%2e%2e`, backslashes, NUL bytes, absolute paths).
 */
export function resolveAssetPath(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '');
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, relative || 'index.html');
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  return full;
}

export interface Asset {
  body: Buffer;
  contentType: string;
}

/**
 * Read the asset for a URL path. Paths without an extension fall back to index.html, so the
 * single-page app can be reloaded on any route.
 */
export async function loadAsset(root: string, urlPathname: string): Promise<Asset | null> {
  const file = resolveAssetPath(root, urlPathname);
  if (!file) return null;
  const candidates = path.extname(file) ? [file] : [file, path.join(path.resolve(root), 'index.html')];
  for (const candidate of candidates) {
    try {
      const info = await stat(candidate);
      if (!info.isFile()) continue;
      return { body: await readFile(candidate), contentType: contentTypeFor(candidate) };
    } catch {
      // try the next candidate
    }
  }
  return null;
}
