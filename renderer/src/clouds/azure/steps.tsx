import { lazy } from 'react';
import { useAppStore } from '../../store';
import { studioBlocked } from '../aws/predicates';
import type { AppStep } from '../types';
import {
  azureLocationBlocked,
  azurePoolsBlocked,
  azureReviewBlocked,
  azureSecretsBlocked,
  azureSignInApplies,
  azureSignInBlocked,
} from './predicates';

// Every Azure screen is loaded when first reached: the first screen (choosing a cloud) needs none.
const AzureSignInStep = lazy(async () => ({ default: (await import('./screens/SignIn')).AzureSignInStep }));
const StudioStep = lazy(async () => ({ default: (await import('../../screens/StudioStep')).StudioStep }));
const AzureLocationStep = lazy(async () => ({ default: (await import('./screens/Location')).AzureLocationStep }));
const AzureStorageAccountsStep = lazy(async () => ({
  default: (await import('./screens/StorageAccounts')).AzureStorageAccountsStep,
}));
const AzureVaultsStep = lazy(async () => ({ default: (await import('./screens/Vaults')).AzureVaultsStep }));
const AzureReviewStep = lazy(async () => ({ default: (await import('./screens/Review')).AzureReviewStep }));

const WORKING =
  'The app is creating the Azure objects one by one, waiting for Microsoft Entra ID and Azure to replicate new objects when they must. You can close the app: it re-attaches when you come back.';

const Deploy = lazy(async () => {
  const { DeployStep } = await import('../../screens/DeployStep');
  return { default: () => <DeployStep working={WORKING} /> };
});

const Outputs = lazy(async () => {
  const { OutputsStep } = await import('../../screens/OutputsStep');
  return { default: () => <OutputsStep onManage={() => useAppStore.getState().showView('manage')} /> };
});

/**
 * The Azure wizard after the shared cloud step, as data. The Studio connection is the same
 * neutral screen (and predicate) as on every cloud.
 */
export const AZURE_STEPS: readonly AppStep[] = [
  // Signed in already on the cloud step (an Azure CLI session), it has nothing to decide and is skipped.
  {
    id: 'signin',
    label: 'Sign in',
    screen: AzureSignInStep,
    when: azureSignInApplies,
    blocked: azureSignInBlocked,
    gate: true,
  },
  { id: 'studio', label: 'Studio connection', screen: StudioStep, blocked: studioBlocked },
  // Location, resource group and node pools on one screen: the pools are checked against the location.
  {
    id: 'region',
    label: 'Location and pools',
    screen: AzureLocationStep,
    blocked: (s) => azureLocationBlocked(s) ?? azurePoolsBlocked(s),
  },
  { id: 'buckets', label: 'Storage accounts', screen: AzureStorageAccountsStep },
  { id: 'secrets', label: 'Key Vaults', screen: AzureVaultsStep, blocked: azureSecretsBlocked },
  { id: 'review', label: 'Review', screen: AzureReviewStep, blocked: azureReviewBlocked },
  { id: 'deploy', label: 'Deploy', screen: Deploy, rail: false },
  { id: 'outputs', label: 'Outputs', screen: Outputs, rail: false },
];
