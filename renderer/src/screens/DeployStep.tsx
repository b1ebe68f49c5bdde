import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { setupName, setupPlace } from '../clouds/setup-names';
import { useAppStore } from '../store';
import { OperationProgress } from './OperationProgress';
import { outputsExporter } from '../clouds/outputs';
import { OutputsPanel } from './OutputsPanel';

/** What the deploy does while it runs, in the cloud's words. */
const WORKING = 'CloudFormation is creating the resources. You can close the app: it re-attaches when you come back.';

export function DeployStep({ working = WORKING }: { working?: string }) {
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
            {setupName(deployed)} is in place in {setupPlace(deployed)}.
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
          : working}
      </ScreenHeader>
      {/* Nothing is left to decide once it is deployed: the outputs and the export come first. */}
      {done && deployed && (
        <section className="card" aria-label="Outputs for Studio">
          <h2>Outputs for Studio</h2>
          <OutputsPanel target={deployed} exporter={outputsExporter(deployed.cloud)} />
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
