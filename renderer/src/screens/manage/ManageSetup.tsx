import { useState } from 'react';
import type { ApiErrorShape } from '@contract/errors';
import type { SetupRef } from '@contract/schemas/setup';
import type { AwsSetupConfig } from '@contract/clouds/aws';
import { call, errorOf } from '../../api/client';
import { guarded } from '../../api/guarded';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { regionName } from '../../lib/regions';
import { useKeyed } from '../../lib/use-keyed';
import { useAppStore } from '../../store';
import type { ManagedSetup } from '../../store/ui';
import { OperationProgress } from '../OperationProgress';
import { OutputsPanel } from '../OutputsPanel';
import { BucketGrants } from './BucketGrants';
import { DoctorCard } from './DoctorCard';
import type { Change, Propose } from './change';
import { KeysCard } from './KeysCard';
import { PlannedChange } from './PlannedChange';
import { SecretGrants } from './SecretGrants';
import { StudioCard } from './StudioCard';
import { TeardownCard } from './TeardownCard';

/**
 * One deployed setup: who it lets in, what it grants (buckets, secrets, the keys they need), its
 * outputs, and teardown. Everything shown is read from the setup's record in the cloud; every
 * change shows its plan before it applies.
 */
export function ManageSetup({
  setup,
  onBack,
}: {
  setup: ManagedSetup & { target: Extract<SetupRef, { cloud: 'aws' }> };
  onBack(): void;
}) {
  const operation = useAppStore((s) => s.operation);
  const active = useAppStore((s) => s.draft.activeOperation);
  const { makePlan, discardPlan, setDraft, follow, cancelOperation, dismissOperation } = useAppStore.getState();
  const [proposed, setChange] = useState<Change>();
  const [retry, setRetry] = useState(0);
  const [failure, setFailure] = useState<ApiErrorShape>();
  const target = setup.target;
  // Read the setup again after every change that finished (and on retry).
  const finished = operation && operation.status !== 'running' ? operation.operationId : 'none';
  const version = `${finished}|${retry}`;
  const read = useKeyed(
    `${JSON.stringify(target)}|${version}`,
    async () => (await guarded(() => call('setup.config', { target }))).config as AwsSetupConfig,
  );
  // A change is done once the operation that applied it has finished.
  const change = proposed && !(proposed.appliedBy && proposed.appliedBy === finished) ? proposed : undefined;

  const propose: Propose = async (label, config, revoking) => {
    setChange({ label, config, ...(revoking ? { revoking } : {}) });
    const profile = target.profile;
    await makePlan({
      cloud: 'aws',
      ...(profile ? { profile } : {}),
      config,
      ...(revoking ? { revoking: { buckets: [], secrets: [], ...revoking } } : {}),
    });
  };

  const current = read.status === 'ready' ? read.value : undefined;
  const running = operation?.status === 'running';
  const tornDown = operation?.kind === 'teardown' && operation.status === 'succeeded';
  const busy = !!change;

  const teardown = async () => {
    try {
      const started = await guarded(() => call('setup.teardown', { target }));
      setDraft({
        activeOperation: {
          operationId: started.operationId,
          kind: 'teardown',
          target,
          cancelMeaning: started.cancelMeaning,
        },
      });
      follow(started.operationId);
    } catch (error) {
      setFailure(errorOf(error).toJSON());
    }
  };

  return (
    <div className="screen">
      <ScreenHeader eyebrow={regionName(target.region)} title={target.stackName}>
        Grant or revoke buckets and secrets, rename their job variables, export the outputs again, or tear the setup
        down. Every change shows its plan before it applies.
      </ScreenHeader>
      <div className="row">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            dismissOperation();
            void discardPlan();
            onBack();
          }}
        >
          All setups
        </button>
      </div>

      {operation &&
        (operation.status === 'running' || operation.kind === 'teardown' || operation.status !== 'succeeded') && (
          <OperationProgress
            operation={operation}
            cancelMeaning={active?.cancelMeaning}
            cancellable={active?.kind === 'deploy'}
            onCancel={cancelOperation}
          />
        )}
      {tornDown && (
        <Notice
          tone="success"
          title="Torn down"
          action={
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                dismissOperation();
                onBack();
              }}
            >
              Back to all setups
            </button>
          }
        >
          <p>
            {target.stackName} is deleted, with its network, roles and grants. Your buckets, secrets and keys are
            untouched. Remove the cluster settings for this account from Studio as well.
          </p>
          {((operation.result as { leftAlone?: { id: string; reason: string }[] }).leftAlone ?? []).map((l) => (
            <p key={l.id}>
              Left in place: <span className="mono">{l.id}</span> ({l.reason}).
            </p>
          ))}
        </Notice>
      )}

      {!tornDown && read.status === 'loading' && <Spinner label="Reading the setup…" />}
      {!tornDown && read.status === 'error' && (
        <ErrorNotice error={read.error} onRetry={() => setRetry((n) => n + 1)} />
      )}
      {failure && <ErrorNotice error={failure} />}
      {!tornDown && current && !running && (
        <>
          {change && (
            <PlannedChange
              change={change}
              onApplied={(operationId) => setChange({ ...change, ...(operationId ? { appliedBy: operationId } : {}) })}
              onDiscard={() => {
                setChange(undefined);
                void discardPlan();
              }}
            />
          )}
          <StudioCard config={current} />
          <BucketGrants config={current} busy={busy} propose={propose} />
          <SecretGrants config={current} busy={busy} propose={propose} />
          <KeysCard config={current} busy={busy} propose={propose} />
          <section className="card" aria-label="Outputs">
            <h2>Outputs</h2>
            <OutputsPanel key={version} target={target} />
          </section>
          <DoctorCard target={target} />
          <TeardownCard
            stackName={target.stackName}
            region={target.region}
            issuer={current.studio.issuer}
            reusedProvider={!!current.existingOidcProviderArn}
            busy={busy}
            onConfirm={() => void teardown()}
          />
        </>
      )}
    </div>
  );
}
