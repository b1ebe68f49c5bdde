import { subjectsOf, type StudioConnection } from '@contract/domain';
import './SummaryCard.css';

/**
 * A setup in plain words, before the detailed plan: who Studio acts as, where, what it may touch,
 * what gets created, what it costs, and what the deploy will and will not do. Cloud-neutral: each
 * cloud fills a SetupSummaryData (renderer/src/clouds/<cloud>/summary.ts); the card names no cloud.
 */
export interface SummaryFact {
  label: string;
  value: string;
  /** Monospace (names, subjects, ids). */
  mono?: boolean;
}

export interface SummaryGrant {
  /** "Bucket", "Secret", "Key". */
  kind: string;
  name: string;
  /** "read and write", "read". */
  access: string;
  /** A detail (the job variable). */
  detail?: string;
  /** A word of warning (another region, another account). */
  warning?: string;
}

export interface SetupSummaryData {
  who: SummaryFact[];
  where: SummaryFact[];
  grants: SummaryGrant[];
  /** What gets created or changed, counted by kind ("2 IAM roles"). */
  creates: string[];
  cost: string;
  will: string[];
  willNot: string[];
}

/** Who Studio acts as, on every cloud: the team and the two token subjects. */
export function studioFacts(studio: Pick<StudioConnection, 'team' | 'computeCredentials' | 'storageCredentials'>) {
  const subjects = subjectsOf(studio);
  return [
    { label: 'Studio team', value: studio.team, mono: true },
    { label: 'Compute', value: subjects.compute, mono: true },
    { label: 'Storage', value: subjects.storage, mono: true },
  ];
}

function Facts({ facts }: { facts: SummaryFact[] }) {
  return (
    <dl className="summary__facts">
      {facts.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd className={f.mono ? 'mono wrap-anywhere' : 'wrap-anywhere'}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SummaryCard({ summary }: { summary: SetupSummaryData }) {
  return (
    <section className="card summary" aria-label="Summary">
      <h2>In short</h2>
      <div className="summary__grid">
        <section aria-label="Who">
          <h3>Who</h3>
          <Facts facts={summary.who} />
        </section>
        <section aria-label="Where">
          <h3>Where</h3>
          <Facts facts={summary.where} />
        </section>
      </div>
      <section aria-label="What Studio may touch">
        <h3>What Studio may touch</h3>
        {summary.grants.length === 0 ? (
          <p className="muted">No bucket or secret: Studio jobs reach none of your data until you grant some.</p>
        ) : (
          <ul className="summary__grants">
            {summary.grants.map((g) => (
              <li key={`${g.kind}:${g.name}`}>
                <span className="summary__kind">{g.kind}</span> <span className="mono wrap-anywhere">{g.name}</span>{' '}
                <span className="badge">{g.access}</span>
                {g.detail && <span className="muted"> {g.detail}</span>}
                {g.warning && <p className="summary__warning">{g.warning}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="summary__grid">
        <section aria-label="What gets created">
          <h3>What gets created</h3>
          <ul className="summary__list">
            {summary.creates.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
        <section aria-label="What it costs">
          <h3>What it costs</h3>
          <p>{summary.cost}</p>
        </section>
      </div>
      <div className="summary__grid">
        <section aria-label="This will">
          <h3>Deploying will</h3>
          <ul className="summary__list">
            {summary.will.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
        <section aria-label="This will not">
          <h3>Deploying will not</h3>
          <ul className="summary__list">
            {summary.willNot.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
