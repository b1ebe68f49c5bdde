/**
 * Which proxy a URL goes through, by the rules every tool on a company network follows:
 * HTTPS_PROXY for https, HTTP_PROXY for http (lower-case names win, as in curl), ALL_PROXY as the
 * fallback, and NO_PROXY (`*`, host names matching a suffix — `.corp.example` or `corp.example` —,
 * `host:port`, IP addresses) to go direct. Plain functions over an injected environment.
 */
type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value && value.trim() ? value.trim() : undefined;
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** Whether NO_PROXY sends this host (and port) direct. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  if (noProxy.trim() === '*') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || defaultPort(url.protocol);
  return noProxy
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((entry) => {
      const match = /^(.+?)(?::(\d+))?$/.exec(entry.toLowerCase().replace(/^\[|\]$/g, ''));
      if (!match) return false;
      const [, name, entryPort] = match;
      if (entryPort && entryPort !== port) return false;
      const suffix = name!.replace(/^\*?\./, '');
      return host === suffix || host.endsWith(`.${suffix}`);
    });
}

/** The proxy URL the environment names for `target`, or undefined to go direct. */
export function proxyFromEnv(target: string | URL, env: Env): string | undefined {
  const url = typeof target === 'string' ? new URL(target) : target;
  const proxy =
    (url.protocol === 'https:' ? read(env, 'https_proxy') : read(env, 'http_proxy')) ?? read(env, 'all_proxy');
  if (!proxy || bypassesProxy(url, read(env, 'no_proxy'))) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/** Whether the environment names any proxy at all (so an unset environment changes nothing). */
export function envNamesProxy(env: Env): boolean {
  return ['https_proxy', 'http_proxy', 'all_proxy'].some((name) => read(env, name));
}

/**
 * The first usable entry of a PAC-style answer (Chromium's `session.resolveProxy`):
 * `PROXY host:port` or `HTTPS host:port`, or undefined for `DIRECT` (SOCKS is not supported
 * here and falls through to the next entry).
 */
export function proxyFromPacResult(result: string | undefined): string | undefined {
  for (const entry of (result ?? '').split(';')) {
    const [kind, address] = entry.trim().split(/\s+/);
    const word = kind?.toUpperCase();
    if (word === 'DIRECT') return undefined;
    if ((word === 'PROXY' || word === 'HTTPS') && address && /^[\w.-]+:\d+$|^\[[0-9a-f:]+\]:\d+$/i.test(address))
      return `${word === 'HTTPS' ? 'https' : 'http'}://${address}`;
  }
  return undefined;
}
