/**
 * The loopback host's session, held by this page only. The printed link carries a one-time launch
 * token in its fragment (never sent to a server); the page trades it for the session token and
 * keeps that in memory and sessionStorage (this tab, this origin: a reload keeps it, no other
 * port's page can read it). It travels as `Authorization: Bearer`, never as a cookie, because
 * browsers send cookies to every port of 127.0.0.1.
 */
const STORAGE_KEY = 'dcs.session';

let current: Promise<string | undefined> | undefined;

function stored(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Private modes may refuse storage: the token then lives in memory until a reload.
  }
}

/** The launch token of the address bar, removed from it at once (and from the history entry). */
function takeLaunchToken(): string | undefined {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const launch = params.get('launch');
  if (!launch) return undefined;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return launch;
}

async function trade(launch: string): Promise<string | undefined> {
  try {
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ launch }),
      credentials: 'omit',
      cache: 'no-store',
    });
    const body = (await response.json()) as { ok?: boolean; result?: { token?: unknown } };
    return body.ok && typeof body.result?.token === 'string' ? body.result.token : undefined;
  } catch {
    return undefined;
  }
}

async function obtain(): Promise<string | undefined> {
  const launch = takeLaunchToken();
  if (launch) {
    const token = await trade(launch);
    if (token) {
      store(token);
      return token;
    }
  }
  // A reload, or the link opened again in a tab that already traded it.
  return stored();
}

/** The session token, or undefined when this page was not opened with the launch link. */
export function sessionToken(): Promise<string | undefined> {
  return (current ??= obtain());
}
