/**
 * Azure's secret reference as Studio jobs take it:
 * `NAME=azsecret://<vault host>/secrets/<secret>#<key>` (no `#key` for a plain-string secret).
 * The vault host comes from the vault's `vaultUri` (sovereign clouds differ), never built by hand.
 */
export { azsecretUri, azureSecretReference, parseSecretId } from '../../../../provisioners/azure/config.schema';

/** A secret's id: `https://<vault host>/secrets/<name>`, the host from the vault's own vaultUri. */
export function secretIdOf(vault: { vaultUri: string }, name: string): string {
  return `${vault.vaultUri.replace(/\/+$/, '')}/secrets/${name}`;
}
