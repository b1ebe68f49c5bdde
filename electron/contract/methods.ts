import type { z } from 'zod';
import { cloudMethods } from './clouds/methods';
import { appMethods } from './methods/app';
import { checkMethods } from './methods/checks';
import { operationMethods } from './methods/operations';
import { setupMethods } from './methods/setup';
import { composeMethods, type MethodSpec } from './methods/spec';

export { composeMethods, type MethodSpec } from './methods/spec';

/**
 * The whole API between the renderer and the main process. Both transports (Electron IPC and the
 * loopback HTTP host) dispatch through this table: a method that is not here does not exist, and
 * no handler runs before its input has passed the schema.
 */
export const methods = composeMethods(appMethods, setupMethods, checkMethods, operationMethods, cloudMethods);

export type Contract = Record<string, MethodSpec>;
export type AppContract = typeof methods;
export type MethodName = keyof AppContract;
export type Input<M extends MethodName, C extends Contract = AppContract> = z.input<C[M]['input']>;
export type Output<M extends MethodName, C extends Contract = AppContract> = z.output<C[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
