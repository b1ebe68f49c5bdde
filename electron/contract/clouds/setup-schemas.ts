/**
 * Every cloud's part of the neutral setup schemas, one element per cloud in each list. A new
 * cloud adds its element to each list here (and its methods in ./methods.ts); nothing else in
 * the contract names a cloud.
 */
import { awsSetupSchemas as aws } from './aws/setup';

export const CLOUD_SCHEMAS = {
  account: [aws.account],
  ref: [aws.ref],
  planInput: [aws.planInput],
  plan: [aws.plan],
  config: [aws.config],
  outputs: [aws.outputs],
  summary: [aws.summary],
} as const;
