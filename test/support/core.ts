import { createCore } from '../../electron/core';
import { silentLogger } from '../../electron/core/services';

/** The real core, as both shells build it, with a quiet logger. */
export function testCore() {
  return createCore({
    appName: 'DataChain Cluster Setup',
    appVersion: '0.0.0-test',
    runtime: 'browser',
    platform: process.platform,
    env: process.env,
    log: silentLogger,
    openExternal: async () => false,
  });
}
