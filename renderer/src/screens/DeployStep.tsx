import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { useAppStore } from '../store';
import { OperationProgress } from './OperationProgress';
import { OutputsPanel } from './OutputsPanel';

export function DeployStep() {
  const operation = useAppStore((s) => s.operation);
  const active = useAppStore((s) => s.draft.activeOperation);
  const deployed = useAppStore((s) => s.draft.deployed);
  const { cancelOperation, goTo, dismissOperation } = useAppStore.getState();

  if (!operation) {
    return (
      <div className="screen">
        <ScreenHeader title="Deploy" />
        {active ? (
          <Spinner label="Re-attaching to the deploy…" />
        ) : deployed ? (
          <Notice
            tone="success"
            title="Deployed"
            action={
              <button type="button" className="button button--primary" onClick={() => goTo('outputs')}>
                See the outputs
              </button>
            }
          >
            {deployed.stackName} is in place in {deployed.region}.
          </Notice>
        ) : (
          <Notice tone="info" title="Nothing is deploying">
            Review the plan first.
          </Notice>
        )}
        <StepFooter onNext={false} />
      </div>
    );
  }
  const done = operation.status === 'succeeded';
  const failed = operation.status === 'failed' || operation.status === 'cancelled';
  return (
    <div className="screen">
      <ScreenHeader title={done ? 'Deployed' : failed ? 'The deploy stopped' : 'Deploying'}>
        {done
          ? 'Everything is in place. The outputs below are what Studio needs: export them, then follow the steps for Studio.'
          : 'CloudFormation is creating the resources. You can close the app: it re-attaches when you come back.'}
      </ScreenHeader>
      {/* Nothing is left to decide once it is deployed: the outputs and the export come first. */}
      {done && deployed && (
        <section className="card" aria-label="Outputs for Studio">
          <h2>Outputs for Studio</h2>
          <OutputsPanel target={deployed} />
        </section>
      )}
      <OperationProgress
        operation={operation}
        cancelMeaning={active?.cancelMeaning}
        cancellable={active ? active.kind !== 'attach' : true}
        onCancel={cancelOperation}
      />
      <StepFooter
        onBack={
          failed
            ? (back) => {
                dismissOperation();
                back();
              }
            : false
        }
        onNext={done ? undefined : false}
        nextLabel="See the outputs"
      />
    </div>
  );
}
