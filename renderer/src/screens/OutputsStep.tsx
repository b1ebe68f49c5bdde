import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { useAppStore } from '../store';
import { outputsExporter } from '../clouds/outputs';
import { OutputsPanel } from './OutputsPanel';

type DeployResult = { stackId?: string; outputs?: unknown };

export function OutputsStep({ onManage }: { onManage(): void }) {
  const deployed = useAppStore((s) => s.draft.deployed);
  // The finished deploy on screen carries the outputs of exactly this stack: not read again.
  const known = useAppStore((s) => {
    const result = s.operation?.status === 'succeeded' ? (s.operation.result as DeployResult | undefined) : undefined;
    return deployed?.cloud === 'aws' && deployed.stackId && result?.stackId === deployed.stackId
      ? result.outputs
      : undefined;
  });
  const { goTo } = useAppStore.getState();
  return (
    <div className="screen">
      <ScreenHeader title="Outputs for Studio">
        Paste these into Studio's cluster settings, or export the Studio config file and import it there.
      </ScreenHeader>
      {deployed ? (
        <OutputsPanel target={deployed} exporter={outputsExporter(deployed.cloud)} known={known} />
      ) : (
        <Notice tone="info" title="Nothing deployed yet">
          <button type="button" className="link-button" onClick={() => goTo('review')}>
            Review the plan
          </button>{' '}
          first.
        </Notice>
      )}
      <div className="row">
        <button type="button" className="button button--secondary" onClick={onManage}>
          Manage setups (grant {deployed?.cloud === 'azure' ? 'storage accounts' : 'buckets'} and secrets, tear down)
        </button>
      </div>
    </div>
  );
}
