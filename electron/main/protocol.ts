import { protocol, type Session } from 'electron';
import { SECURITY_HEADERS } from '../shared/csp';
import { APP_HOST, APP_SCHEME } from '../shared/url-policy';
import { loadAsset } from '../shared/static-assets';

/** Must run before `app.whenReady()`: app:// behaves like https (standard, secure origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve the built renderer at app://wizard/, GET only, never outside `root`. */
export function serveRenderer(session: Session, root: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const asset = await loadAsset(root, url.pathname);
    if (!asset) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(asset.body), {
      status: 200,
      headers: { 'Content-Type': asset.contentType, ...SECURITY_HEADERS },
    });
  });
}
