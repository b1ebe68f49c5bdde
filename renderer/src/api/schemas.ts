/**
 * Zod and every schema of the contract the window checks with, in a chunk of its own: the first
 * screen renders without them. validation.ts starts loading this chunk at start (beside the
 * first screen's) and every call waits for it, so each answer is still checked.
 */
export { ResultEnvelope } from '@contract/errors';
export { OperationEvent } from '@contract/events';
export { methods } from '@contract/methods';
export { AwsNodePools, SignInInput } from '@contract/clouds/aws';
export { AzureNodePools, ResourceGroupName } from '@contract/clouds/azure';
export { EnvVarName, IssuerHost, NamePrefix, SecretKey, StudioName } from '@contract/domain';
