import { isAppUrl } from '../../shared/url-policy';

export interface SenderInfo {
  webContentsId: number;
  /** URL of the frame that sent the message; undefined when the frame is gone. */
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

/** IPC is accepted only from the main frame of one of our windows showing our own bundle. */
export function isTrustedSender(info: SenderInfo, trustedWebContents: ReadonlySet<number>): boolean {
  return (
    trustedWebContents.has(info.webContentsId) &&
    info.isMainFrame &&
    info.frameUrl !== undefined &&
    isAppUrl(info.frameUrl)
  );
}
