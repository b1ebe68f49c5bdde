/**
 * Read what the app made in the Azure peer, the way a test checks the cloud rather than the app's
 * word for it: the setup's app registrations (with their federated credentials and service
 * principals), custom role definitions and the role assignments and access policies that give
 * them to the setup's identities.
 */
import type { AzurePeer } from '../../test/support/azure/peer';

export type Purpose = 'compute' | 'storage';

export function azureInspector(peer: AzurePeer, prefix = '') {
  const appName = (p: Purpose) => `${prefix ? `${prefix}-` : ''}datachain-oidc-${p}`;
  const sub = () => peer.subscription;
  const api = {
    /** The live (not soft-deleted) app registration of the purpose, if any. */
    app(p: Purpose) {
      return [...peer.tenant.applications.values()].find((a) => a.displayName === appName(p));
    },
    /** The app registrations of the setup in the Entra recycle bin. */
    deletedApps() {
      return [...peer.tenant.deletedApplications.values()].filter((a) =>
        a.displayName?.startsWith(appName('compute').replace(/compute$/, '')),
      );
    },
    servicePrincipal(p: Purpose) {
      const app = api.app(p);
      return app ? [...peer.tenant.servicePrincipals.values()].find((s) => s.appId === app.appId) : undefined;
    },
    /** The custom role the setup defined for the purpose. */
    role(p: Purpose) {
      return [...peer.state.roleDefinitions.values()].find(
        (d) => d.type === 'CustomRole' && d.roleName.startsWith(appName(p)),
      );
    },
    /** Every role assignment to the purpose's service principal, as [role name, scope]. */
    assignments(p: Purpose): [string, string][] {
      const sp = api.servicePrincipal(p);
      if (!sp) return [];
      return [...peer.state.roleAssignments.values()]
        .filter((a) => a.principalId === sp.id)
        .map((a) => {
          const guid = a.roleDefinitionId.split('/').pop()!.toLowerCase();
          const custom = [...peer.state.roleDefinitions.values()].find((d) => d.name.toLowerCase() === guid);
          const name =
            custom?.roleName ?? (guid === '4633458b-17de-408a-b874-0445c86b69e6' ? 'Key Vault Secrets User' : guid);
          return [name, a.scope.toLowerCase()] as [string, string];
        })
        .sort((x, y) => x[1].localeCompare(y[1]));
    },
    /** The secret permissions the storage identity holds in an access-policy vault ([] when none). */
    accessPolicy(vaultName: string): string[] {
      const vault = [...sub().keyVaults.values()].find((v) => v.name === vaultName);
      const sp = api.servicePrincipal('storage');
      if (!vault || !sp) return [];
      return vault.accessPolicies.find((e) => e.objectId === sp.id)?.permissions.secrets ?? [];
    },
    /** Every access-policy entry of the vault (whoever it is for). */
    accessPolicies(vaultName: string) {
      return [...sub().keyVaults.values()].find((v) => v.name === vaultName)?.accessPolicies ?? [];
    },
    resourceGroup(name: string) {
      return [...sub().resourceGroups.values()].find((g) => g.name === name);
    },
    /** ARM ids, lower-cased as the inspector reports scopes. */
    ids: {
      group: (rg: string) => `/subscriptions/${sub().subscriptionId}/resourcegroups/${rg}`.toLowerCase(),
      account: (rg: string, name: string) =>
        `/subscriptions/${sub().subscriptionId}/resourcegroups/${rg}/providers/microsoft.storage/storageaccounts/${name}`.toLowerCase(),
      vault: (rg: string, name: string) =>
        `/subscriptions/${sub().subscriptionId}/resourcegroups/${rg}/providers/microsoft.keyvault/vaults/${name}`.toLowerCase(),
    },
  };
  return api;
}
