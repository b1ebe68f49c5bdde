// Lint enforces the architecture: which layer may import what.
//   renderer/, electron/contract/  browser-safe: no electron, no Node built-ins, no cloud SDKs
//   provisioners/                  plain TypeScript: no electron, no DOM, no app layers
//   electron/core|shared|host|transports/http   plain Node: no electron
//   electron/preload/              sandboxed: electron's renderer modules and the contract only
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const noElectron = {
  name: 'electron',
  message: 'This layer must run without Electron; inject what you need from electron/main.',
};
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'No Node built-ins here: this code runs in the browser.',
}));
const noRendererIpc = {
  name: 'electron',
  importNames: ['ipcRenderer', 'contextBridge', 'webFrame'],
  message: 'Only electron/preload talks to ipcRenderer; everything else goes through the contract.',
};
const browserSafePatterns = [
  { group: ['node:*'], message: 'No Node built-ins here: this code runs in the browser.' },
  {
    group: ['@aws-sdk/*', '@azure/*', '@smithy/*'],
    message: 'Cloud SDKs (and credentials) live in the main process only.',
  },
  {
    group: [
      '**/electron/core/**',
      '**/electron/main/**',
      '**/electron/transports/**',
      '**/electron/host/**',
      '**/electron/shared/**',
      '**/electron/preload/**',
      '**/provisioners/*/*',
      '!**/provisioners/*/*schema',
    ],
    message:
      'The renderer reaches the main process through the contract only (provisioners share their pure schema.ts files, nothing else).',
  },
];

export default defineConfig(
  {
    ignores: [
      'out/**',
      'release/**',
      'node_modules/**',
      'artifacts/**',
      'test-results/**',
      'playwright-report/**',
      'renderer/public/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='webContents'][property.name='send']",
          message: 'Send events through the IPC transport.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode], patterns: browserSafePatterns }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename', 'Buffer', 'global'],
    },
  },
  {
    // Renderer unit tests run in Node (vitest) and may read fixtures; what they test may not.
    files: ['renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: browserSafePatterns.slice(1) }],
    },
  },
  {
    files: ['provisioners/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'zustand'],
              message: 'Provisioners are plain TypeScript: they know nothing of the app around them.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'sessionStorage',
        'navigator',
        'location',
      ],
    },
  },
  {
    // Domain rules shared with the contract and the renderer: zod only.
    files: ['provisioners/*/*schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode],
          patterns: [
            {
              group: ['node:*', '@aws-sdk/*', '@azure/*', '@smithy/*', './*', '../*/*', '!./*schema', '!../*/*schema'],
              message: 'schema.ts files are shared with the browser: import zod and other schema files only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/core/**/*.ts',
      'electron/shared/**/*.ts',
      'electron/host/**/*.ts',
      'electron/transports/http/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/transports/ipc/**'],
              message: 'Plain-Node layers do not depend on the Electron shell or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/transports/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noRendererIpc],
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/preload/**'],
              message: 'Main does not import renderer or preload code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noNode,
          patterns: [
            { group: ['node:*'], message: 'A sandboxed preload cannot load Node modules.' },
            {
              group: [
                '**/electron/core/**',
                '**/electron/main/**',
                '**/electron/shared/**',
                '**/provisioners/**',
                'zod',
              ],
              message: 'The preload forwards messages; it validates nothing and imports only the bridge types.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
