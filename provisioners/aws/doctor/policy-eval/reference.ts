/**
 * TEST ONLY. The reference simulator (@cloud-copilot/iam-simulate, AGPL-3.0-or-later) that the
 * differential tests compare our evaluator with. It is a devDependency: nothing outside *.test.ts
 * may import this file, and the licence test checks that no build bundles it.
 */
import {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  validateTrustPolicy,
} from '@cloud-copilot/iam-policy';
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import type { Decision, EvalRequest } from './model';

export const ACCOUNT = '123456789012';

/** A key policy as KMS creates it by default: the account's IAM policies decide. */
const defaultKeyPolicy = (accountId: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
  ],
});

function principalOf(request: EvalRequest, fallback: string): string {
  const p = request.principal;
  if (!p) return fallback;
  return p.kind === 'aws' ? p.arn : p.id;
}

/** iam-simulate's answer, or 'Invalid' when its validator rejects a document. */
export function referenceDecision(
  kind: 'identity' | 'trust',
  documents: unknown[],
  request: EvalRequest,
  opts: { roleArn?: string; sessionArn?: string; accountId?: string; keyPolicy?: boolean } = {},
): Decision | 'Invalid' {
  const accountId = opts.accountId ?? ACCOUNT;
  const validate = kind === 'trust' ? validateTrustPolicy : validateIdentityPolicy;
  if (documents.some((d) => validate(d).length > 0)) return 'Invalid';
  const policies = documents.map((d, i) => createValidatedPolicy(d, validate, { name: `p${i}` }));
  const isKms = kind === 'identity' && opts.keyPolicy !== false && request.action.toLowerCase().startsWith('kms:');
  const result = runUnsafeSimulation(
    {
      request: {
        principal: principalOf(request, opts.sessionArn ?? `arn:aws:sts::${accountId}:assumed-role/R/doctor`),
        action: request.action,
        resource: {
          resource: kind === 'trust' ? (opts.roleArn ?? `arn:aws:iam::${accountId}:role/R`) : request.resource!,
          accountId,
        },
        contextVariables: request.context,
      },
      identityPolicies: kind === 'identity' ? policies.map((policy, i) => ({ name: `p${i}`, policy })) : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(kind === 'trust'
        ? { resourcePolicy: policies[0] }
        : isKms
          ? {
              resourcePolicy: createValidatedPolicy(defaultKeyPolicy(accountId), validateResourcePolicy, {
                name: 'key',
              }),
            }
          : {}),
    },
    {},
  );
  return result as Decision;
}
