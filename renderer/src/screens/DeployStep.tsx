import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { useAppStore } from '../store';
import { OperationProgress } from './OperationProgress';

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
          ? 'Everything is in place. The outputs are what Studio needs.'
          : 'CloudFormation is creating the resources. You can close the app: it re-attaches when you come back.'}
      </ScreenHeader>
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
