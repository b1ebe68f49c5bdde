import './GrantDiff.css';

/** Grant lines a change adds (+) and removes (−), as a plan or a fix shows them. */
export function GrantDiff({
  added,
  removed,
  label,
}: {
  added: readonly string[];
  removed: readonly string[];
  /** The list's accessible name, when it stands on its own. */
  label?: string;
}) {
  return (
    <ul className="diff" {...(label ? { 'aria-label': label } : {})}>
      {added.map((line) => (
        <li key={`+${line}`} className="diff__added">
          + {line}
        </li>
      ))}
      {removed.map((line) => (
        <li key={`-${line}`} className="diff__removed">
          − {line}
        </li>
      ))}
    </ul>
  );
}
