import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAssetPath } from './static-assets';

const root = path.resolve('/srv/renderer');

describe('resolveAssetPath', () => {
  it('maps URL paths into the root', () => {
    expect(resolveAssetPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, '/assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
    expect(resolveAssetPath(root, '/assets/../index.html')).toBe(path.join(root, 'index.html'));
  });

  it('refuses anything that leaves the root or is malformed', () => {
    for (const attempt of [
      '/../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/assets/%2e%2e/%2e%2e/x',
      '/..%5c..%5cx',
      '/a%00.js',
      '/%E0%A4%A',
      '//etc/passwd/../../..',
      '/C:/Windows/win.ini',
    ]) {
      const resolved = resolveAssetPath(root, attempt);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep), attempt).toBe(true);
    }
    expect(resolveAssetPath(root, '/../etc/passwd')).toBeNull();
    expect(resolveAssetPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveAssetPath(root, '/a%00.js')).toBeNull();
    expect(resolveAssetPath(root, '/%E0%A4%A')).toBeNull();
  });
});
