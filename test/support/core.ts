import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type CoreOptions } from '../../electron/core';
import { silentLogger } from '../../electron/core/services';
import type { OperationEvent } from '../../electron/contract';

/** The real core, as both shells build it, with a quiet logger. */
export function testCore(options: CoreOptions = {}) {
  return createCore(
    {
      appName: 'DataChain Cluster Setup',
      appVersion: '0.0.0-test',
      runtime: 'browser',
      platform: process.platform,
      env: process.env,
      log: silentLogger,
      openExternal: async () => false,
      userDataDir: mkdtempSync(path.join(os.tmpdir(), 'dcs-userdata-')),
    },
    options,
  );
}

/** Follow an operation to its end through the registry, as a subscriber would. */
export async function followToEnd(core: ReturnType<typeof createCore>, operationId: string): Promise<OperationEvent[]> {
  await core.operations.settled(operationId);
  const events: OperationEvent[] = [];
  core.operations.subscribe(operationId, 0, (event) => events.push(event));
  return events;
}
