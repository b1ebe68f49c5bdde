import { useState, type ReactNode } from 'react';
import { Modal } from '../../components/Modal';

/** Tear down, after a confirmation that says what goes and what stays (the cloud's words). */
export function TeardownCard({
  name,
  description,
  confirmation,
  busy,
  onConfirm,
}: {
  /** The setup's name, in the button and the question. */
  name: string;
  /** What a teardown deletes, in one sentence. */
  description: string;
  /** The confirmation's paragraphs: what goes, what stays, what to do first. */
  confirmation: ReactNode;
  busy: boolean;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <section className="card card--danger" aria-label="Tear down">
      <h2>Tear down</h2>
      <p>{description}</p>
      <button type="button" className="button button--danger" disabled={busy} onClick={() => setAsking(true)}>
        Tear down {name}
      </button>
      {asking && (
        <Modal title={`Tear down ${name}?`} onClose={() => setAsking(false)}>
          {confirmation}
          <div className="row">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setAsking(false);
                onConfirm();
              }}
            >
              Yes, tear it down
            </button>
            {/* Focus starts on the safe choice: Enter right after opening keeps the setup. */}
            <button type="button" className="button button--secondary" data-autofocus onClick={() => setAsking(false)}>
              Keep it
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
