/**
 * The one Content-Security-Policy of the renderer, sent as a header by both the app:// protocol
 * handler and the loopback host, and written into index.html as a meta tag at build time.
 * The renderer needs no network of its own: every cloud call happens in the main process.
 */
const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** Only honoured as a header; browsers ignore (and warn about) it in a meta tag. */
const HEADER_ONLY = ["frame-ancestors 'none'"];

export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, ...HEADER_ONLY].join('; ');
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ');

/** Headers sent with every response of the renderer's content. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
};
