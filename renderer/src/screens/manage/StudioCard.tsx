import { subjectsOf } from '@contract/domain';
import type { AwsSetupConfig } from '@contract/clouds/aws';

/** Who this setup lets in: the Studio team and the two token subjects its roles trust. */
export function StudioCard({ config }: { config: AwsSetupConfig }) {
  const subjects = subjectsOf(config.studio);
  return (
    <section className="card" aria-label="Studio connection">
      <h2>Studio connection</h2>
      <dl className="subjects">
        <div>
          <dt>Team</dt>
          <dd className="mono">{config.studio.team}</dd>
        </div>
        <div>
          <dt>Compute</dt>
          <dd className="mono">{subjects.compute}</dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd className="mono">{subjects.storage}</dd>
        </div>
        <div>
          <dt>Issuer</dt>
          <dd className="mono">https://{config.studio.issuer}</dd>
        </div>
      </dl>
    </section>
  );
}
