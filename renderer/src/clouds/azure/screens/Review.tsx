import { useMemo, type ReactNode } from 'react';
import { Notice } from '../../../components/Notice';
import { Spinner } from '../../../components/Spinner';
import { ReviewShell, type ReviewWords } from '../../../screens/ReviewShell';
import { useAppStore, type AppState } from '../../../store';
import { azureConfigFromDraft } from '../config';
import { azureSetupSummary, type AccountFacts, type SecretFacts } from '../summary';
import { AzurePlanView } from './AzurePlanView';
import { azureLocationName } from '../locations';

const AZURE_REVIEW: ReviewWords = {
  intro:
    'Nothing has changed in your subscription or tenant yet. First the setup in short, then every object the deploy makes or changes, every role it defines and assigns, and whether you may do it.',
  prefixHint: (prefix) =>
    prefix
      ? `App registrations will be named ${prefix}-datachain-oidc-compute and ${prefix}-datachain-oidc-storage.`
      : "Empty keeps the Terraform's names (datachain-oidc-compute, datachain-oidc-storage).",
  loadingLabel: 'Reading your subscription and tenant and preparing the plan…',
  matches: 'Your subscription already matches this setup.',
};

/** What discovery read about the accounts and secrets a summary names, keyed by lower-case name and id. */
function useFacts() {
  const accounts = useAppStore((s) => s.azure.accounts.items);
  const byName = useAppStore((s) => s.azure.accountsByName);
  const secretNames = useAppStore((s) => s.azure.secretNames);
  return useMemo(() => {
    const byAccount: Record<string, AccountFacts> = {};
    for (const a of [...accounts, ...Object.values(byName)])
      byAccount[a.name.toLowerCase()] = { location: a.location, allowSharedKeyAccess: a.allowSharedKeyAccess };
    const bySecret: Record<string, SecretFacts> = {};
    for (const listing of Object.values(secretNames))
      for (const s of listing.items) bySecret[s.id.toLowerCase()] = { contentType: s.contentType };
    return { accounts: byAccount, secrets: bySecret };
  }, [accounts, byName, secretNames]);
}

const selectSubscriptionName = (s: AppState) => {
  const { tenantId, subscriptionId } = s.draft.azure ?? {};
  const listed = tenantId ? s.azure.subscriptions[tenantId] : undefined;
  return listed?.status === 'ready'
    ? listed.value.find((x) => x.subscriptionId === subscriptionId)?.displayName
    : undefined;
};

/**
 * Until the app is signed in to Azure again (after a restart, the Azure CLI's session is taken up
 * by itself; other sign-ins are asked for), Review waits instead of planning without an identity.
 */
function useNotReady(): ReactNode {
  const status = useAppStore((s) => s.azure.identity.status);
  const method = useAppStore((s) => s.draft.azure?.method);
  const goTo = useAppStore((s) => s.goTo);
  if (status === 'ready') return undefined;
  if (status === 'loading' || (status === 'idle' && method === 'cli'))
    return <Spinner label="Signing in to Azure again with the Azure CLI…" />;
  return (
    <Notice
      tone="warning"
      title="Sign in to Azure to see the plan"
      action={
        <button type="button" className="button" onClick={() => goTo('signin')}>
          Sign in
        </button>
      }
    >
      The plan is read from your subscription and tenant, so the app needs you signed in first. Your choices are kept.
    </Notice>
  );
}

/** Review on Azure: the neutral screen with the Azure plan (objects, roles, assignments, rights) and its summary. */
export function AzureReviewStep() {
  const draft = useAppStore((s) => s.draft);
  const plan = useAppStore((s) => s.plan);
  const identity = useAppStore((s) => (s.azure.identity.status === 'ready' ? s.azure.identity.value : undefined));
  const subscriptionName = useAppStore(selectSubscriptionName);
  const locations = useAppStore((s) => s.azure.locations);
  const facts = useFacts();
  const notReady = useNotReady();
  const input = useMemo(() => {
    const config = azureConfigFromDraft(draft);
    return { cloud: 'azure' as const, tenantId: config.tenantId, subscriptionId: config.subscriptionId, config };
  }, [draft]);
  const value = plan.status === 'ready' && plan.value.cloud === 'azure' ? plan.value : undefined;
  const summary = useMemo(() => {
    if (value?.kind !== 'changes' || !value.config) return undefined;
    const names = locations.status === 'ready' ? locations.value : [];
    const locationName = (name: string) => azureLocationName(name, names);
    return azureSetupSummary({ plan: value, config: value.config, identity, subscriptionName, locationName, ...facts });
  }, [value, identity, subscriptionName, locations, facts]);

  return (
    <ReviewShell
      input={input}
      plan={value}
      words={AZURE_REVIEW}
      summary={summary}
      notReady={notReady}
      details={value && <AzurePlanView plan={value} />}
      deployedRef={
        value && {
          cloud: 'azure',
          tenantId: value.tenantId,
          subscriptionId: value.subscriptionId,
          resourceGroup: value.resourceGroup,
        }
      }
    />
  );
}
