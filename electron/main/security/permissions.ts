import type { Session } from 'electron';
import { APP_ORIGIN, isAppUrl } from '../../shared/url-policy';

/** The one permission the wizard uses: writing (never reading) the clipboard for copy buttons. */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/**
 * Default deny: camera, microphone, notifications, geolocation, clipboard-read, HID/USB/serial
 * devices, display capture and downloads are all refused. The only grant is clipboard write
 * from our own bundle, for the copy buttons on the outputs screen.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === CLIPBOARD_WRITE && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return permission === CLIPBOARD_WRITE && requestingOrigin === APP_ORIGIN;
  });
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
