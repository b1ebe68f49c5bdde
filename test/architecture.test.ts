import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => m.message);
}

describe('layer boundaries (enforced by lint)', () => {
  it('keeps electron out of provisioners, the core, the contract and the loopback host', async () => {
    for (const file of [
      'provisioners/aws/x.ts',
      'electron/core/x.ts',
      'electron/contract/x.ts',
      'electron/host/x.ts',
      'electron/transports/http/x.ts',
      'electron/shared/x.ts',
    ]) {
      expect(await violations(file, "import { app } from 'electron';\nexport const a = app;\n"), file).toHaveLength(1);
    }
  });

  it('keeps Node built-ins, cloud SDKs and main-process code out of the renderer', async () => {
    const file = 'renderer/src/x.ts';
    for (const source of [
      'node:fs',
      'fs',
      'child_process',
      '@aws-sdk/client-sts',
      '@azure/identity',
      '../../electron/core/index',
      '../../provisioners/aws/identity',
      'electron',
    ]) {
      expect(await violations(file, `import * as m from '${source}';\nexport const a = m;\n`), source).toHaveLength(1);
    }
    expect(await violations(file, 'export const home = process.env.HOME;\n')).toHaveLength(1);
    expect(
      await violations(file, "import { methods } from '@contract/methods';\nexport const a = methods;\n"),
    ).toHaveLength(0);
    expect(
      await violations(
        file,
        "import { BucketName } from '../../provisioners/aws/schema';\nexport const a = BucketName;\n",
      ),
    ).toHaveLength(0);
    expect(
      await violations(
        file,
        "import { renderTemplate } from '../../provisioners/aws/template';\nexport const a = renderTemplate;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps the shared schema files pure', async () => {
    expect(
      await violations('provisioners/aws/schema.ts', "import { z } from 'zod';\nexport const a = z;\n"),
    ).toHaveLength(0);
    expect(
      await violations(
        'provisioners/aws/schema.ts',
        "import { STSClient } from '@aws-sdk/client-sts';\nexport const a = STSClient;\n",
      ),
    ).toHaveLength(1);
    expect(
      await violations(
        'provisioners/aws/schema.ts',
        "import { renderTemplate } from './template';\nexport const a = renderTemplate;\n",
      ),
    ).toHaveLength(1);
  });

  it('keeps the DOM and the app out of provisioners', async () => {
    expect(await violations('provisioners/aws/x.ts', 'export const t = document.title;\n')).toHaveLength(1);
    expect(
      await violations(
        'provisioners/aws/x.ts',
        "import { methods } from '../../electron/contract';\nexport const a = methods;\n",
      ),
    ).toHaveLength(1);
  });

  it('lets only the preload use ipcRenderer, and the preload nothing but electron and the bridge', async () => {
    expect(
      await violations(
        'electron/main/x.ts',
        "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      ),
    ).toHaveLength(1);
    expect(
      await violations(
        'electron/preload/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      ),
    ).toHaveLength(1);
    expect(await violations('electron/preload/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toHaveLength(
      1,
    );
    expect(
      await violations(
        'electron/preload/x.ts',
        "import { ipcRenderer } from 'electron';\nimport { IPC_CHANNELS } from '../contract/bridge';\nexport const a = [ipcRenderer, IPC_CHANNELS];\n",
      ),
    ).toHaveLength(0);
  });
});
