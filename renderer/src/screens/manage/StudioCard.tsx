import { subjectsOf, type StudioConnection } from '@contract/domain';

/** Who a setup lets in: the Studio team and the two token subjects its identities trust. */
export function StudioCard({ studio }: { studio: StudioConnection }) {
  const subjects = subjectsOf(studio);
  return (
    <section className="card" aria-label="Studio connection">
      <h2>Studio connection</h2>
      <dl className="subjects">
        <div>
          <dt>Team</dt>
          <dd className="mono">{studio.team}</dd>
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
          <dd className="mono">https://{studio.issuer}</dd>
        </div>
      </dl>
    </section>
  );
}
