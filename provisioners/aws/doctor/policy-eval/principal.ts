/**
 * The Principal element of a trust policy. `"*"` and `{"AWS": "*"}` name everyone. A web-identity
 * or SAML caller is named only by its provider under Federated, a service only under Service (no
 * partial wildcards in either, as IAM requires). An IAM caller is named by its own ARN, or as a
 * session of a role by the role's ARN; naming its account (`123456789012` or `...:root`) is an
 * account-level match: the account decides with its own policies, which a trust policy alone
 * cannot show, so such a match denies but never allows by itself.
 */
import type { PrincipalSet, RequestPrincipal } from './model';

export type PrincipalMatch = 'direct' | 'account' | false;

/** arn:aws:sts::123:assumed-role/Name/session → arn:aws:iam::123:role/…/Name (the path is not known). */
function sessionRole(arn: string): { partition: string; accountId: string; name: string } | undefined {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return m ? { partition: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

function awsMatch(value: string, caller: Extract<RequestPrincipal, { kind: 'aws' }>): PrincipalMatch {
  if (value === '*' || value === caller.arn) return 'direct';
  if (value === caller.accountId || value.endsWith(`:iam::${caller.accountId}:root`)) return 'account';
  const session = sessionRole(caller.arn);
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(value);
  if (session && role && role[1] === session.partition && role[2] === session.accountId && role[3] === session.name)
    return 'direct';
  return false;
}

export function principalMatches(set: PrincipalSet, caller: RequestPrincipal): PrincipalMatch {
  if (set.all || set.aws.includes('*')) return 'direct';
  if (caller.kind === 'federated') return set.federated.includes(caller.id) ? 'direct' : false;
  if (caller.kind === 'service') return set.service.includes(caller.id) ? 'direct' : false;
  let best: PrincipalMatch = false;
  for (const value of set.aws) {
    const m = awsMatch(value, caller);
    if (m === 'direct') return m;
    if (m) best = m;
  }
  return best;
}
