import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './electron/shared/csp.ts';

/** Write the one CSP (electron/shared/csp.ts) into index.html, so there is no second copy. */
function cspMeta(): Plugin {
  return {
    name: 'dcs-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META },
        injectTo: 'head',
      },
    ],
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.resolve(here, 'renderer'),
  base: '/',
  plugins: [react(), cspMeta()],
  resolve: {
    alias: { '@contract': path.resolve(here, 'electron/contract') },
  },
  build: {
    outDir: path.resolve(here, 'out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No inline module preload polyfill: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
