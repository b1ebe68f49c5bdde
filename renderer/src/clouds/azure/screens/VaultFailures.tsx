import type { KeyVaultSummary } from '@contract/clouds/azure';
import { withCode } from '../../../components/ErrorNotice';
import type { VaultFailure } from '../secret-search';
import { MODEL_LABEL } from './vault-labels';

/** So a subscription where most vaults are closed to the user stays a readable screen. */
const SHOWN = 20;

/** The vault is named at the start of its line: its resource id in main's words reads "this vault". */
function aboutThisVault(text: string, vault: KeyVaultSummary): string {
  const id = vault.id.toLowerCase();
  let out = '';
  let from = 0;
  for (let at = text.toLowerCase().indexOf(id); at >= 0; at = text.toLowerCase().indexOf(id, from)) {
    out += `${text.slice(from, at)}this vault`;
    from = at + id.length;
  }
  return out + text.slice(from);
}

interface Props {
  failures: readonly VaultFailure[];
  onRetry(vault: KeyVaultSummary): void;
  onBrowse(vault: KeyVaultSummary): void;
}

/**
 * The vaults whose secrets the search could not list, each with why and what to ask for (the
 * message and hint main gives, never Azure's text), a retry, and a way to browse it alone
 * (where a secret can still be added by name).
 */
export function VaultFailures({ failures, onRetry, onBrowse }: Props) {
  if (failures.length === 0) return null;
  const more = failures.length - SHOWN;
  return (
    <div className="notice notice--warning vault-failures" role="status">
      <div className="notice__body">
        <p className="notice__title">
          {failures.length === 1
            ? 'The secrets of one vault could not be listed'
            : `The secrets of ${failures.length.toLocaleString()} vaults could not be listed`}
        </p>
        <ul className="vault-failures__list" aria-label="Vaults not listed">
          {failures.slice(0, SHOWN).map(({ vault, error }) => (
            <li key={vault.id}>
              <p>
                <strong className="mono">{vault.name}</strong>{' '}
                <span className="muted">
                  ({vault.resourceGroup}, {MODEL_LABEL[vault.model]})
                </span>
                : {withCode(aboutThisVault(error.message, vault))}
              </p>
              {error.details?.hint && (
                <p className="notice__hint">{withCode(aboutThisVault(error.details.hint, vault))}</p>
              )}
              <p className="vault-failures__actions">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onRetry(vault)}
                  aria-label={`List the secrets of ${vault.name} again`}
                >
                  Try again
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onBrowse(vault)}
                  aria-label={`Browse ${vault.name} alone`}
                >
                  Browse this vault
                </button>
              </p>
            </li>
          ))}
        </ul>
        {more > 0 && (
          <p className="muted">
            And {more.toLocaleString()} more {more === 1 ? 'vault' : 'vaults'}: choose one under Key Vault to see why.
          </p>
        )}
      </div>
    </div>
  );
}
