import { useState } from 'react';
import type { ApiErrorShape } from '@contract/errors';
import type { SetupPlan } from '@contract/schemas/aws-setup';
import { BucketName, EnvVarName, SecretArn, SecretKey, secretReference, type AwsSetupConfig } from '../../../../provisioners/aws/schema';
import { call, errorOf } from '../../api/client';
import { guarded } from '../../api/guarded';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { CopyButton } from '../../components/CopyButton';
import { regionName } from '../../lib/regions';
import { problemWith } from '../../lib/validation';
import { useAppStore } from '../../store';
import { useKeyed } from '../../lib/use-keyed';
import { OperationProgress } from '../OperationProgress';
import { OutputsPanel } from '../OutputsPanel';
import { PlanView } from '../PlanView';
import { secretNameOf, suggestEnvName } from '../../lib/secrets';
import type { SetupRef } from '../../store/ui';

/** What the setup grants, each with its revoke button (which only plans the revocation). */
function GrantedList({ items, empty, label, small = false, disabled, onRevoke }: { items: string[]; empty: string; label(item: string): string; small?: boolean; disabled: boolean; onRevoke(item: string): void }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="granted">
      {items.map((item) => (
        <li key={item}>
          <div className="granted__head">
            <span className={small ? 'mono small' : 'mono'}>{item}</span>
            <button type="button" className="link-button" disabled={disabled} onClick={() => onRevoke(item)} aria-label={`Revoke ${label(item)}`}>
              Revoke
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A proposed change; `appliedBy` is the operation that applies it, once Apply is pressed. */
type Change = { label: string; config: AwsSetupConfig; appliedBy?: string };

export function ManageSetup({ setup, onBack }: { setup: SetupRef; onBack(): void }) {
  const profile = useAppStore((s) => s.draft.aws?.profile || undefined);
  const plan = useAppStore((s) => s.plan);
  const operation = useAppStore((s) => s.operation);
  const active = useAppStore((s) => s.draft.activeOperation);
  const { makePlan, deployPlan, discardPlan, checkBucket, checkSecret, updateAws, setDraft, follow, cancelOperation, dismissOperation } = useAppStore.getState();
  const [proposed, setChange] = useState<Change>();
  const [retry, setRetry] = useState(0);
  const [failure, setFailure] = useState<ApiErrorShape>();
  const [bucket, setBucket] = useState('');
  const [bucketProblem, setBucketProblem] = useState<string>();
  const [secret, setSecret] = useState({ arn: '', envName: '', key: '' });
  const [secretProblem, setSecretProblem] = useState<string>();
  const [confirmTeardown, setConfirmTeardown] = useState(false);
  const target = { ...(profile ? { profile } : {}), region: setup.region, stackName: setup.stackName };
  // Read the setup again after every change that finished (and on retry).
  const finished = operation && operation.status !== 'running' ? operation.operationId : 'none';
  const version = `${finished}|${retry}`;
  const config = useKeyed(`${JSON.stringify(target)}|${version}`, async () => (await guarded(() => call('aws.setup.config', target))) as AwsSetupConfig);
  // A change is done once the operation that applied it has finished.
  const change = proposed && !(proposed.appliedBy && proposed.appliedBy === finished) ? proposed : undefined;

  const propose = async (label: string, next: AwsSetupConfig) => {
    setChange({ label, config: next });
    await makePlan(next);
  };

  const current = config.status === 'ready' ? config.value : undefined;
  const planned: SetupPlan | undefined = change && plan.status === 'ready' ? plan.value : undefined;
  const running = operation?.status === 'running';
  const tornDown = operation?.kind === 'aws.teardown' && operation.status === 'succeeded';

  const grantBucket = async () => {
    const name = bucket.trim();
    const problem = problemWith(BucketName, name);
    if (problem) return setBucketProblem(problem);
    if (current!.buckets.includes(name)) return setBucketProblem('this bucket is already granted');
    const check = await checkBucket(name);
    if (!check) return setBucketProblem('the bucket could not be checked');
    if (!check.exists) return setBucketProblem(`there is no bucket called ${name}`);
    setBucketProblem(undefined);
    const kms = check.kms?.managedBy === 'customer' && check.kms.arn ? [check.kms.arn] : [];
    await propose(`Grant the bucket ${name}`, { ...current!, buckets: [...current!.buckets, name], kmsKeys: [...new Set([...current!.kmsKeys, ...kms])] });
  };

  const grantSecret = async () => {
    const arn = secret.arn.trim();
    const problem = problemWith(SecretArn, arn) ?? problemWith(EnvVarName, secret.envName) ?? problemWith(SecretKey, secret.key);
    if (problem) return setSecretProblem(problem);
    if (current!.secrets.includes(arn)) return setSecretProblem('this secret is already granted');
    const check = await checkSecret(arn);
    if (!check?.exists) return setSecretProblem('no secret with this ARN exists (or you may not describe it)');
    setSecretProblem(undefined);
    updateAws((aws) => ({ secrets: [...(aws.secrets ?? []).filter((s) => s.arn !== arn), { arn, envName: secret.envName, key: secret.key, grantKms: false, ...(check.name ? { name: check.name } : {}) }] }));
    const kms = check.kms?.managedBy === 'customer' && check.kms.arn ? [check.kms.arn] : [];
    await propose(`Grant the secret ${check.name ?? arn}`, { ...current!, secrets: [...current!.secrets, arn], kmsKeys: [...new Set([...current!.kmsKeys, ...kms])] });
  };

  const teardown = async () => {
    setConfirmTeardown(false);
    try {
      const started = await guarded(() => call('aws.setup.teardown', target));
      setDraft({ activeOperation: { operationId: started.operationId, kind: 'aws.teardown', stackName: setup.stackName, region: setup.region, cancelMeaning: started.cancelMeaning, ...(profile ? { profile } : {}) } });
      follow(started.operationId);
    } catch (error) {
      setFailure(errorOf(error).toJSON());
    }
  };

  return (
    <div className="screen">
      <ScreenHeader eyebrow={regionName(setup.region)} title={setup.stackName}>
        Grant or revoke buckets and secrets, export the outputs again, or tear the setup down. Every change shows its plan before it applies.
      </ScreenHeader>
      <div className="row">
        <button type="button" className="button button--secondary" onClick={() => { dismissOperation(); void discardPlan(); onBack(); }}>
          All setups
        </button>
      </div>

      {operation && (operation.status === 'running' || operation.kind === 'aws.teardown' || operation.status !== 'succeeded') && (
        <OperationProgress operation={operation} cancelMeaning={active?.cancelMeaning} cancellable={active?.kind === 'aws.deploy'} onCancel={cancelOperation} />
      )}
      {tornDown && (
        <Notice
          tone="success"
          title="Torn down"
          action={
            <button type="button" className="button button--secondary" onClick={() => { dismissOperation(); onBack(); }}>
              Back to all setups
            </button>
          }
        >
          <p>
            {setup.stackName} is deleted, with its network, roles and grants. Remove the cluster settings for this account from Studio as well.
          </p>
          {((operation.result as { leftAlone?: { id: string; reason: string }[] }).leftAlone ?? []).map((l) => (
            <p key={l.id}>
              Left in place: <span className="mono">{l.id}</span> ({l.reason}).
            </p>
          ))}
        </Notice>
      )}

      {!tornDown && config.status === 'loading' && <Spinner label="Reading the setup…" />}
      {!tornDown && config.status === 'error' && <ErrorNotice error={config.error} onRetry={() => setRetry((n) => n + 1)} />}
      {failure && <ErrorNotice error={failure} />}
      {!tornDown && current && !running && (
        <>
          {change && (
            <section className="card" aria-label="Planned change">
              <h2>{change.label}</h2>
              {plan.status === 'loading' && <Spinner label="Planning the change…" />}
              {plan.status === 'error' && <ErrorNotice error={plan.error} />}
              {planned && <PlanView plan={planned} onlyChangedPolicies />}
              <div className="row">
                <button
                  type="button"
                  className="button button--primary"
                  disabled={planned?.kind !== 'changes'}
                  onClick={async () => {
                    if (await deployPlan()) setChange({ ...change, appliedBy: useAppStore.getState().operation?.operationId });
                  }}
                >
                  Apply this change
                </button>
                <button type="button" className="button button--secondary" onClick={() => { setChange(undefined); void discardPlan(); }}>
                  Discard
                </button>
              </div>
            </section>
          )}

          <section className="card" aria-label="Granted buckets">
            <h2>Buckets</h2>
            <GrantedList
              items={current.buckets}
              empty="No buckets granted."
              label={(b) => b}
              disabled={!!change}
              onRevoke={(b) => void propose(`Revoke the bucket ${b}`, { ...current, buckets: current.buckets.filter((x) => x !== b) })}
            />
            <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void grantBucket(); }}>
              <TextField label="Grant a bucket" value={bucket} onChange={(v) => { setBucket(v); setBucketProblem(v ? problemWith(BucketName, v.trim()) : undefined); }} error={bucketProblem} mono placeholder="bucket-name" />
              <button type="submit" className="button button--secondary" disabled={!bucket || !!change}>
                Plan the grant
              </button>
            </form>
          </section>

          <section className="card" aria-label="Granted secrets">
            <h2>Secrets</h2>
            <GrantedList
              items={current.secrets}
              empty="No secrets granted."
              label={secretNameOf}
              small
              disabled={!!change}
              onRevoke={(arn) => void propose(`Revoke the secret ${secretNameOf(arn)}`, { ...current, secrets: current.secrets.filter((x) => x !== arn) })}
            />
            <form className="grant-secret" onSubmit={(e) => { e.preventDefault(); void grantSecret(); }}>
              <TextField label="Secret ARN" value={secret.arn} onChange={(v) => { const arn = v.trim(); setSecret((s) => ({ ...s, arn, envName: s.envName || (problemWith(SecretArn, arn) ? '' : suggestEnvName(secretNameOf(arn))) })); setSecretProblem(undefined); }} mono />
              <div className="grid-2">
                <TextField label="Job variable" value={secret.envName} onChange={(v) => setSecret((s) => ({ ...s, envName: v.trim() }))} error={secret.envName ? problemWith(EnvVarName, secret.envName) : undefined} mono />
                <TextField label="JSON key" value={secret.key} onChange={(v) => setSecret((s) => ({ ...s, key: v.trim() }))} error={problemWith(SecretKey, secret.key)} mono hint="Empty for a plain-string secret." />
              </div>
              {!problemWith(SecretArn, secret.arn) && secret.envName && (
                <div className="reference">
                  <code className="mono">{secretReference(secret.envName, secret.arn, secret.key)}</code>
                  <CopyButton text={secretReference(secret.envName, secret.arn, secret.key)} label="Copy the secret reference" />
                </div>
              )}
              {secretProblem && <p className="field__error" role="alert">{secretProblem}</p>}
              <button type="submit" className="button button--secondary" disabled={!secret.arn || !!change}>
                Plan the grant
              </button>
            </form>
          </section>

          <section className="card" aria-label="Outputs">
            <h2>Outputs</h2>
            <OutputsPanel key={version} target={target} />
          </section>

          <section className="card card--danger" aria-label="Tear down">
            <h2>Tear down</h2>
            <p>Deletes the stack: the network, the roles and the grants. Studio can no longer reach this account afterwards.</p>
            <button type="button" className="button button--danger" disabled={!!change} onClick={() => setConfirmTeardown(true)}>
              Tear down {setup.stackName}
            </button>
          </section>
        </>
      )}

      {confirmTeardown && (
        <Modal title={`Tear down ${setup.stackName}?`} onClose={() => setConfirmTeardown(false)}>
          <p>This deletes the VPC, subnets, security group and the five IAM roles of this setup in {setup.region}. Delete the DataChain clusters in Studio first: the app refuses while one still runs in this network.</p>
          <p>An OIDC provider that existed before this setup is left in place. Once started, a deletion cannot be stopped.</p>
          <div className="row">
            <button type="button" className="button button--danger" onClick={() => void teardown()}>
              Yes, tear it down
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmTeardown(false)}>
              Keep it
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
