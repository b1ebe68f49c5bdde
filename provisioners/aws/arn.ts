/** Parsing and building ARNs without assuming the commercial partition. */

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', accountId = '', ...rest] = parts;
  if (!partition || !service) return undefined;
  return { partition, service, region, accountId, resource: rest.join(':') };
}

export type PrincipalType = 'root' | 'user' | 'assumed-role' | 'federated-user' | 'other';

export interface Principal {
  type: PrincipalType;
  name: string;
  session?: string;
}

/** Describe the principal behind a GetCallerIdentity ARN. */
export function describePrincipal(arn: string): Principal {
  const parsed = parseArn(arn);
  if (!parsed) return { type: 'other', name: arn };
  const { service, resource } = parsed;
  if (service === 'iam' && resource === 'root') return { type: 'root', name: 'root' };
  const [kind = '', ...path] = resource.split('/');
  if (kind === 'user') return { type: 'user', name: path[path.length - 1] ?? resource };
  if (service === 'sts' && kind === 'assumed-role') {
    const [role = '', ...session] = path;
    return { type: 'assumed-role', name: role, session: session.join('/') };
  }
  if (service === 'sts' && kind === 'federated-user') return { type: 'federated-user', name: path.join('/') };
  return { type: 'other', name: resource };
}
