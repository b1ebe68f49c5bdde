/**
 * Which URLs the app itself may show (only its own bundle) and which external links it may hand
 * to the system browser (an allow-list of https sites the wizard links to). Pure: tested in Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wizard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Exact host names, or `.suffix` entries that match any subdomain. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'datachain.ai',
  '.datachain.ai',
  'docs.aws.amazon.com',
  'console.aws.amazon.com',
  '.console.aws.amazon.com',
  'signin.aws.amazon.com',
  '.awsapps.com',
  'aws.amazon.com',
  'portal.azure.com',
  'learn.microsoft.com',
  'microsoft.com',
  'login.microsoftonline.com',
];

/** AWS IAM Identity Center device verification pages: device.sso.<region>.amazonaws.com[.cn]. */
const SSO_DEVICE_HOST = /^device\.sso\.[a-z]{2}(-[a-z]+)+-\d{1,2}\.amazonaws\.com(\.cn)?$/;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    !!parsed && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password
  );
}

export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  if (parsed.port && parsed.port !== '443') return false;
  const host = parsed.hostname.toLowerCase();
  if (SSO_DEVICE_HOST.test(host)) return true;
  return EXTERNAL_HOSTS.some((entry) =>
    entry.startsWith('.') ? host.endsWith(entry) && host.length > entry.length : host === entry,
  );
}
