import { useEffect, type ReactElement } from 'react';
import { onReauthNeeded } from '../api/guarded';
import { Spinner } from '../components/Spinner';
import { BucketsStep } from '../screens/BucketsStep';
import { CloudStep } from '../screens/CloudStep';
import { DeployStep } from '../screens/DeployStep';
import { Dashboard } from '../screens/manage/Dashboard';
import { ManageSetup } from '../screens/manage/ManageSetup';
import { NodePoolsStep } from '../screens/NodePoolsStep';
import { OutputsStep } from '../screens/OutputsStep';
import { ReauthDialog } from '../screens/ReauthDialog';
import { RegionStep } from '../screens/RegionStep';
import { ReviewStep } from '../screens/ReviewStep';
import { SecretsStep } from '../screens/SecretsStep';
import { SignInStep } from '../screens/SignInStep';
import { StudioStep } from '../screens/StudioStep';
import { useAppStore } from '../store';
import { flushDraft } from '../store/draft';
import { Shell } from './Shell';
import { isStepId, stepIndex, type StepId } from './steps';

onReauthNeeded((error) => useAppStore.getState().requireReauth(error));

export function App() {
  const hydrated = useAppStore((s) => s.hydrated);
  const step = useAppStore((s) => s.draft.step);
  const active = useAppStore((s) => s.draft.activeOperation);
  const identityReady = useAppStore((s) => s.identity.status === 'ready');
  const view = useAppStore((s) => s.view);
  const managing = useAppStore((s) => s.managing);
  const furthest = useAppStore((s) => s.furthest);
  const { goTo, loadAppInfo, reattach, showView, manage } = useAppStore.getState();
  const current: StepId = isStepId(step) ? step : 'cloud';

  useEffect(() => {
    void loadAppInfo();
    const flush = () => void flushDraft();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [loadAppInfo]);

  // A restored draft signs in again with its profile, silently; past the sign-in step, a failure
  // (expired session, MFA code needed) opens the sign-in dialog instead of leaving later calls to fail.
  useEffect(() => {
    if (!hydrated) return;
    const { draft, identity, signIn, requireReauth } = useAppStore.getState();
    if (draft.cloud !== 'aws' || identity.status !== 'idle') return;
    void signIn().then((ok) => {
      const after = useAppStore.getState();
      if (!ok && after.identity.status === 'error' && stepIndex(isStepId(after.draft.step) ? after.draft.step : 'cloud') > stepIndex('signin')) requireReauth(after.identity.error);
    });
  }, [hydrated]);

  // A deploy that was running when the window closed (or the app quit): follow it, never restart it.
  useEffect(() => {
    if (hydrated && active) void reattach();
    // Only once, right after the draft is loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hydrated]);

  if (!hydrated) {
    return (
      <div className="boot">
        <Spinner label="Opening DataChain Cluster Setup…" />
      </div>
    );
  }

  const screens: Record<StepId, ReactElement> = {
    cloud: <CloudStep />,
    signin: <SignInStep />,
    studio: <StudioStep />,
    region: <RegionStep />,
    buckets: <BucketsStep />,
    secrets: <SecretsStep />,
    pools: <NodePoolsStep />,
    review: <ReviewStep />,
    deploy: <DeployStep />,
    outputs: <OutputsStep onManage={() => showView('manage')} />,
  };
  // Steps beyond sign-in need an identity; the rail never jumps past the furthest step reached.
  const reachable = identityReady ? Math.min(furthest, stepIndex('review')) : Math.min(furthest, stepIndex('signin'));

  return (
    <Shell view={view} current={current} reachable={reachable} onStep={goTo} onView={showView}>
      {view === 'wizard' ? (
        screens[current]
      ) : managing ? (
        <ManageSetup setup={managing} onBack={() => manage(undefined)} />
      ) : (
        <Dashboard onOpen={manage} onNewSetup={() => goTo('cloud')} onSignIn={() => goTo('signin')} />
      )}
      <ReauthDialog />
    </Shell>
  );
}
