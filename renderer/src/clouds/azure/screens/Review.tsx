import { useMemo } from 'react';
import { ReviewShell, type ReviewWords } from '../../../screens/ReviewShell';
import { useAppStore, type AppState } from '../../../store';
import { azureConfigFromDraft } from '../config';
import { azureSetupSummary, type AccountFacts, type SecretFacts } from '../summary';
import { AzurePlanView } from './AzurePlanView';

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
  const secretNames = useAppStore((s) => s.azure.secretNames);
  return useMemo(() => {
    const byAccount: Record<string, AccountFacts> = {};
    for (const a of accounts)
      byAccount[a.name.toLowerCase()] = { location: a.location, allowSharedKeyAccess: a.allowSharedKeyAccess };
    const bySecret: Record<string, SecretFacts> = {};
    for (const listing of Object.values(secretNames))
      for (const s of listing.items) bySecret[s.id.toLowerCase()] = { contentType: s.contentType };
    return { accounts: byAccount, secrets: bySecret };
  }, [accounts, secretNames]);
}

const selectSubscriptionName = (s: AppState) => {
  const { tenantId, subscriptionId } = s.draft.azure ?? {};
  const listed = tenantId ? s.azure.subscriptions[tenantId] : undefined;
  return listed?.status === 'ready'
    ? listed.value.find((x) => x.subscriptionId === subscriptionId)?.displayName
    : undefined;
};

/** Review on Azure: the neutral screen with the Azure plan (objects, roles, assignments, rights) and its summary. */
export function AzureReviewStep() {
  const draft = useAppStore((s) => s.draft);
  const plan = useAppStore((s) => s.plan);
  const identity = useAppStore((s) => (s.azure.identity.status === 'ready' ? s.azure.identity.value : undefined));
  const subscriptionName = useAppStore(selectSubscriptionName);
  const locations = useAppStore((s) => s.azure.locations);
  const facts = useFacts();
  const input = useMemo(() => {
    const config = azureConfigFromDraft(draft);
    return { cloud: 'azure' as const, tenantId: config.tenantId, subscriptionId: config.subscriptionId, config };
  }, [draft]);
  const value = plan.status === 'ready' && plan.value.cloud === 'azure' ? plan.value : undefined;
  const summary = useMemo(() => {
    if (value?.kind !== 'changes' || !value.config) return undefined;
    const names = locations.status === 'ready' ? locations.value : [];
    const locationName = (name: string) => names.find((l) => l.name === name.toLowerCase())?.displayName ?? name;
    return azureSetupSummary({ plan: value, config: value.config, identity, subscriptionName, locationName, ...facts });
  }, [value, identity, subscriptionName, locations, facts]);

  return (
    <ReviewShell
      input={input}
      plan={value}
      words={AZURE_REVIEW}
      summary={summary}
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
