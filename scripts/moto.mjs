#!/usr/bin/env node
// npm run moto: start moto (with scripts/lib/moto_gaps.py) and keep it running, so repeated test
// runs can reuse it through MOTO_URL instead of starting their own.
import { ensureMoto } from './lib/moto.mjs';

delete process.env.MOTO_URL;
const moto = await ensureMoto();
console.log(`moto is running: ${moto.how}`);
console.log(`export MOTO_URL=${moto.url}`);
const stop = async () => {
  await moto.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 1 << 30);
