/**
 * Every cloud's part of the neutral setup schemas, one element per cloud in each list. A new
 * cloud adds its element to each list here (and its methods in ./methods.ts); nothing else in
 * the contract names a cloud.
 */
import { awsSetupSchemas as aws } from './aws/setup';
import { azureSetupSchemas as azure } from './azure/setup';

export const CLOUD_SCHEMAS = {
  account: [aws.account, azure.account],
  ref: [aws.ref, azure.ref],
  planInput: [aws.planInput, azure.planInput],
  plan: [aws.plan, azure.plan],
  config: [aws.config, azure.config],
  outputs: [aws.outputs, azure.outputs],
  summary: [aws.summary, azure.summary],
} as const;
