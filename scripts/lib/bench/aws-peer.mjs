// The AWS side every bench run measures against: a moto, the counting proxy in front of it, the
// host's environment for it, and SDK client settings for the bare baselines and the seeding.
import { startCountingProxy } from '../counting-proxy.mjs';
import { ensureMoto, motoEnv } from '../moto.mjs';

/** @param {string} region */
export async function startBenchAws(region) {
  const moto = await ensureMoto({ log: () => {} });
  const proxy = await startCountingProxy(moto.url);
  const env = motoEnv(moto.url);
  const clientConfig = {
    region,
    endpoint: moto.url,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  };
  return {
    moto,
    proxy,
    env,
    clientConfig,
    async stop() {
      await proxy.close();
      await moto.stop();
    },
  };
}
