import { call } from '../api/client';
import type { ChecklistStep } from '../features/studio/checklist';
import { STUDIO_URL } from '../features/studio/checklist';
import './StudioChecklist.css';

/** Opens a Studio page in the system browser (main checks the link against its allow-list). */
export function openStudio(url: string = STUDIO_URL): void {
  void call('app.openExternal', { url }).catch(() => undefined);
}

/** What to do in Studio with the values above, in order; the same text is in the exported file. */
export function StudioChecklist({ steps }: { steps: readonly ChecklistStep[] }) {
  return (
    <section className="card studio-checklist" aria-label="Next, in Studio">
      <div className="card__head">
        <h2>Next, in Studio</h2>
        <button type="button" className="link-button" onClick={() => openStudio()}>
          Open Studio
        </button>
      </div>
      <ol className="studio-checklist__steps">
        {steps.map((step) => (
          <li key={step.title}>
            <strong>{step.title}.</strong> <span className="wrap-anywhere">{step.detail}</span>
            {step.link && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => openStudio(step.link!.url)}>
                  {step.link.label}
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="muted small">The exported Studio config carries the same list in its readme section.</p>
    </section>
  );
}
