import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { '@contract': path.resolve(here, 'electron/contract') } },
  test: {
    // Unit tests are plain Node. Integration tests (*.int.test.ts) talk to moto, started once by
    // the global setup (or reused from MOTO_URL), one file at a time.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{electron,provisioners,renderer,scripts,test}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // Correctness, not speed: a few tests lint or parse the whole tree, which outlasts the
          // 5 s default on a loaded 2-core CI machine. Speed lives in `npm run bench`.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{electron,provisioners,test}/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/moto-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
