// Global styles first: every component's and screen's own stylesheet, imported next to it, comes after them.
import '../styles/tokens.css';
import '../styles/base.css';
import '../styles/components.css';
import './App.css';
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { onReauthNeeded } from '../api/guarded';
import { stepsFor } from '../clouds';
import { Spinner } from '../components/Spinner';
import { ReauthDialog } from '../screens/ReauthDialog';
import { useAppStore } from '../store';
import { flushDraft } from '../store/draft';
import { dropEarlySignIn } from '../store/session';
import { findStep, WizardProvider } from '../wizard';
import { Shell } from './Shell';
import { isStepId, STEP_IDS, stepIndex } from './steps';

// Manage is loaded when first opened: the first screens start without it.
const Dashboard = lazy(async () => ({ default: (await import('../screens/manage/Dashboard')).Dashboard }));
const ManageSetup = lazy(async () => ({ default: (await import('../screens/manage/ManageSetup')).ManageSetup }));
const AzureDashboard = lazy(async () => ({
  default: (await import('../clouds/azure/screens/Manage')).AzureDashboard,
}));
const AzureManageSetup = lazy(async () => ({
  default: (await import('../clouds/azure/screens/Manage')).AzureManageSetup,
}));

onReauthNeeded((error) => useAppStore.getState().requireReauth(error));

export function App() {
  const hydrated = useAppStore((s) => s.hydrated);
  const step = useAppStore((s) => s.draft.step);
  const active = useAppStore((s) => s.draft.activeOperation);
  const view = useAppStore((s) => s.view);
  const managing = useAppStore((s) => s.managing);
  const furthest = useAppStore((s) => s.furthest);
  const cloud = useAppStore((s) => s.draft.cloud);
  const { goTo, loadAppInfo, reattach, showView, manage } = useAppStore.getState();
  const steps = stepsFor(cloud);
  const current = findStep(steps, step)?.id ?? steps[0]!.id;
  const onStep = useCallback(
    (id: string) => {
      if (isStepId(id)) goTo(id);
    },
    [goTo],
  );

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
    const { draft, identity, signIn, requireReauth, azureRestore } = useAppStore.getState();
    if (draft.cloud === 'azure') void azureRestore();
    if (draft.cloud !== 'aws' || identity.status !== 'idle') return dropEarlySignIn();
    void signIn().then((ok) => {
      const after = useAppStore.getState();
      if (
        !ok &&
        after.identity.status === 'error' &&
        stepIndex(isStepId(after.draft.step) ? after.draft.step : 'cloud') > stepIndex('signin')
      )
        requireReauth(after.identity.error);
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

  const Screen = findStep(steps, current)!.screen;
  // The rail never jumps past the furthest step reached (the store counts it in STEP_IDS).
  const progress = { current, furthest: STEP_IDS[furthest] ?? current };

  return (
    <Shell view={view} steps={steps} progress={progress} onStep={onStep} onView={showView}>
      <Suspense fallback={<Spinner label="Opening the screen…" />}>
        {view === 'wizard' ? (
          <WizardProvider steps={steps} current={current} goTo={onStep}>
            <Screen key={current} />
          </WizardProvider>
        ) : managing ? (
          managing.target.cloud === 'aws' ? (
            <ManageSetup setup={{ ...managing, target: managing.target }} onBack={() => manage(undefined)} />
          ) : (
            <AzureManageSetup setup={{ ...managing, target: managing.target }} onBack={() => manage(undefined)} />
          )
        ) : cloud === 'azure' ? (
          <AzureDashboard onOpen={manage} onNewSetup={() => goTo('cloud')} onSignIn={() => goTo('signin')} />
        ) : (
          <Dashboard onOpen={manage} onNewSetup={() => goTo('cloud')} onSignIn={() => goTo('signin')} />
        )}
      </Suspense>
      <ReauthDialog />
    </Shell>
  );
}
