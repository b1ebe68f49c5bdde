/**
 * Every name the setup gives to AWS resources. An empty prefix keeps the Terraform's names, so
 * existing documentation still reads right; a prefix lets a second team share the account.
 */
export interface ResourceNames {
  stack: string;
  vpc: string;
  securityGroup: string;
  clusterRole: string;
  nodeRole: string;
  podRole: string;
  computeRole: string;
  storageRole: string;
  subnet(zone: string): string;
}

export function resourceNames(prefix: string): ResourceNames {
  const name = (base: string) => (prefix ? `${prefix}-${base}` : base);
  return {
    stack: name('datachain-cluster'),
    vpc: name('datachain-cluster'),
    securityGroup: name('datachain-cluster'),
    clusterRole: name('datachain-cluster'),
    nodeRole: name('datachain-cluster-node'),
    podRole: name('datachain-cluster-pod'),
    computeRole: name('datachain-oidc-compute'),
    storageRole: name('datachain-oidc-storage'),
    subnet: (zone) => name(`datachain-cluster-${zone}`),
  };
}

export function roleNames(names: ResourceNames): string[] {
  return [names.clusterRole, names.nodeRole, names.podRole, names.computeRole, names.storageRole];
}

/** The tag every resource of ours carries, so the app can find its setups again. */
export const MANAGED_BY_TAG = 'datachain:managed-by';
export const MANAGED_BY_VALUE = 'datachain-cluster-setup';
export const CONFIG_TAG = 'datachain:setup-version';

/** Logical ids of the template's resources: stable, so existing stacks update in place. */
export const LOGICAL_IDS = {
  vpc: 'Vpc',
  internetGateway: 'InternetGateway',
  gatewayAttachment: 'InternetGatewayAttachment',
  routeTable: 'RouteTable',
  defaultRoute: 'DefaultRoute',
  securityGroup: 'SecurityGroup',
  securityGroupSelfIngress: 'SecurityGroupSelfIngress',
  clusterRole: 'ClusterRole',
  nodeRole: 'NodeRole',
  podRole: 'PodRole',
  oidcProvider: 'OidcProvider',
  computeRole: 'ComputeRole',
  computePolicy: 'ComputePolicy',
  storageRole: 'StorageRole',
  storagePolicy: 'StoragePolicy',
} as const;
