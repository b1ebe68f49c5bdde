/** Everything of AWS the renderer may use: its schemas, domain rules and helpers (all pure). */
export * from './session';
export * from './discovery';
export * from './setup';
export * from './sign-in';
export * from './methods';
export {
  BucketGrant,
  BucketName,
  bucketNameFrom,
  bucketNameProblem,
  kmsKeysOf,
  KmsKeyArn,
  partitionOf,
  Region,
  SecretArn,
  SecretGrant,
  secretNameOf,
  secretReference,
  usersOfKey,
  ZoneName,
} from '../../../../provisioners/aws/schema';
export {
  ec2CapacityOf,
  InstanceTypeName,
  NODE_POOL_PRESETS,
  NodePool as AwsNodePool,
  NodePools as AwsNodePools,
} from '../../../../provisioners/aws/node-pools.schema';
