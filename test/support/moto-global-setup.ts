import type { TestProject } from 'vitest/node';
import { ensureMoto } from '../../scripts/lib/moto.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    motoUrl: string;
  }
}

/** Start moto once for all integration tests (or reuse MOTO_URL) and hand its URL to them. */
export default async function setup(project: TestProject) {
  const moto = await ensureMoto({ log: (line) => console.log(line) });
  console.log(`moto: ${moto.how}`);
  project.provide('motoUrl', moto.url);
  return async () => moto.stop();
}
