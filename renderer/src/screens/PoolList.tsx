import { useEffect, useEffectEvent, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Spinner';
import { useAppStore } from '../store';
import { NO_POOLS } from '../store/draft';
import type { Loadable } from '../store/session';
import { PoolEditor, type PoolVocabulary } from './PoolEditor';
import './NodePoolsSection.css';

type PoolDraft = Record<string, unknown>;

/** The presets every cloud offers under the same buttons. */
export type PoolPresets = Record<'cpu' | 'spot' | 'gpu', PoolDraft & { name: string }>;

function uniqueName(base: string, pools: PoolDraft[]): string {
  const names = new Set(pools.map((p) => String(p.name)));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** The draft's pools, as the editor holds them (possibly half-typed). */
export const selectPools = (s: { draft: { nodePools?: unknown[] | undefined } }) =>
  (s.draft.nodePools ?? NO_POOLS) as PoolDraft[];

/** A pools check as the store keeps it: the key of the pools it is for, and its state. */
export type PoolsReport<Value> = Loadable<Value> & { key?: string | undefined };

/**
 * Check the pools once they are valid and have stopped changing for a moment, unless the
 * report is for them already (the key says which pools, and where, a report is for).
 */
export function usePoolsCheck(canCheck: boolean, key: string, reportKey: string | undefined, check: () => void) {
  const run = useEffectEvent(check);
  useEffect(() => {
    if (!canCheck || reportKey === key) return;
    const timer = setTimeout(run, 600);
    return () => clearTimeout(timer);
  }, [canCheck, key, reportKey]);
}

/**
 * The draft's node pools, which Studio creates in each cluster, each with its findings and an
 * editor, and the buttons that add a preset. The same on every cloud: the cloud gives its
 * presets and its words.
 */
export function PoolList({
  presets,
  words,
  findingsFor,
  heading: Heading,
}: {
  presets: PoolPresets;
  /** The editor's words and rules (the default editor's otherwise). */
  words?: PoolVocabulary;
  findingsFor(name: string): readonly { severity: string; message: string; hint?: string | undefined }[];
  /** The pools' heading level: h2 on a screen of their own, h3 in a section. */
  heading: 'h2' | 'h3';
}) {
  const pools = useAppStore(selectPools);
  const onChange = (nodePools: PoolDraft[]) => useAppStore.getState().setDraft({ nodePools });
  const [editing, setEditing] = useState<number | undefined>(undefined);
  const regular = words?.regular ?? 'On-Demand';
  const addPreset = (preset: keyof PoolPresets) => {
    const base = presets[preset];
    onChange([...pools, { ...base, name: uniqueName(base.name, pools) }]);
    setEditing(pools.length);
  };

  return (
    <>
      <ul className="pools">
        {pools.map((pool, index) => {
          const name = String(pool.name);
          const findings = findingsFor(name);
          return (
            <li key={index} className="card pool">
              <div className="pool__head">
                <div>
                  <Heading className="pool__name">{name || 'Unnamed pool'}</Heading>
                  <p className="muted">
                    {pool.role === 'system' ? 'System' : 'Workers'} ·{' '}
                    {((pool.instanceTypes as string[]) ?? []).join(', ')} ·{' '}
                    {pool.capacity === 'spot' ? 'Spot' : regular} · {String(pool.minSize)}–{String(pool.maxSize)} nodes
                    (desired {String(pool.desiredSize)}) · {String(pool.diskSizeGiB)} GiB
                  </p>
                </div>
                <button
                  type="button"
                  className="button button--secondary pool__toggle"
                  aria-expanded={editing === index}
                  aria-label={editing === index ? undefined : `Edit ${name}`}
                  onClick={() => setEditing(editing === index ? undefined : index)}
                >
                  {editing === index ? 'Done' : 'Edit'}
                </button>
              </div>
              {findings.length > 0 && (
                <ul className="findings">
                  {findings.map((f, i) => (
                    <li key={i} className={`finding finding--${f.severity}`}>
                      {f.message} {f.hint && <span className="muted">{f.hint}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {editing === index && (
                <PoolEditor
                  {...(words ? { words } : {})}
                  pool={pool}
                  canRemove={pools.length > 1}
                  onChange={(next) => onChange(pools.map((p, i) => (i === index ? next : p)))}
                  onRemove={() => {
                    onChange(pools.filter((_, i) => i !== index));
                    setEditing(undefined);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>

      <div className="row" role="group" aria-label="Add a pool">
        <button type="button" className="button button--secondary" onClick={() => addPreset('cpu')}>
          Add CPU workers
        </button>
        <button type="button" className="button button--secondary" onClick={() => addPreset('spot')}>
          Add Spot workers
        </button>
        <button type="button" className="button button--secondary" onClick={() => addPreset('gpu')}>
          Add GPU workers
        </button>
      </div>
    </>
  );
}

/** Where the pools' check stands: what is wrong with them, the check running, or its failure. */
export function PoolCheckState<Value>({
  invalid,
  report,
  checkKey,
  where,
  onRetry,
}: {
  invalid: string | undefined;
  report: PoolsReport<Value>;
  /** The key of the pools on screen (a report for others is not theirs). */
  checkKey: string;
  /** The region or location checked against. */
  where: string;
  onRetry(): void;
}) {
  const mine = report.key === checkKey;
  return (
    <>
      {invalid && (
        <p className="field__error" role="alert">
          {invalid}
        </p>
      )}
      {!invalid && mine && report.status === 'loading' && <Spinner label={`Checking the pools against ${where}…`} />}
      {mine && report.status === 'error' && <ErrorNotice error={report.error} onRetry={onRetry} />}
    </>
  );
}
