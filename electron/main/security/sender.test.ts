import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender';

const trusted = new Set([7]);

describe('isTrustedSender', () => {
  it('accepts the main frame of our window on app://wizard', () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'app://wizard/', isMainFrame: true }, trusted)).toBe(true);
  });

  it('refuses other windows, subframes, foreign origins and destroyed frames', () => {
    expect(isTrustedSender({ webContentsId: 8, frameUrl: 'app://wizard/', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'app://wizard/', isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true }, trusted)).toBe(
      false,
    );
    expect(isTrustedSender({ webContentsId: 7, frameUrl: undefined, isMainFrame: true }, trusted)).toBe(false);
  });
});
