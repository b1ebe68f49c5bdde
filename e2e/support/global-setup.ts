import { buildAll } from '../../scripts/build.mjs';
import { ensureMoto } from '../../scripts/lib/moto.mjs';

/**
 * Build the app once and make sure moto is running (reusing MOTO_URL when `npm test` already
 * started it). Workers inherit MOTO_URL from here.
 */
export default async function globalSetup() {
  await buildAll({ quiet: true });
  const moto = await ensureMoto();
  process.env.MOTO_URL = moto.url;
  return async () => moto.stop();
}
