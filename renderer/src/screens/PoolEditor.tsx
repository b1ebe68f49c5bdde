import { useState } from 'react';
import type { z } from 'zod';
import { AwsNodePool as NodePool } from '@contract/clouds/aws';
import { FIELD_LIMITS } from '@contract/field-limits';
import { Field, LengthCount, SelectField, TextField } from '../components/Field';
import { problemsByPath } from '../lib/validation';
import './PoolEditor.css';

type PoolDraft = Record<string, unknown>;

const linesOf = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
const taintLines = (taints: { key: string; value?: string; effect?: string }[]) =>
  taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`).join('\n');

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [key, ...value] = line.split('=');
    labels[key!.trim()] = value.join('=').trim();
  }
  return labels;
}

/** `key=value:Effect` (value optional); a missing effect is left missing, so validation names it. */
function parseTaints(text: string): { key: string; value?: string; effect?: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.lastIndexOf(':');
      const [head, effect] =
        colon > line.indexOf('/') && colon !== -1 ? [line.slice(0, colon), line.slice(colon + 1)] : [line, undefined];
      const [key, ...value] = head.split('=');
      return {
        key: key!.trim(),
        ...(value.length ? { value: value.join('=').trim() } : {}),
        ...(effect ? { effect: effect.trim() } : {}),
      };
    });
}

/** Errors for a list field, as "line N: reason". */
function listErrors(errors: Record<string, string>, prefix: string, keyed = false): string | undefined {
  const found = Object.entries(errors).filter(([path]) => path === prefix || path.startsWith(`${prefix}.`));
  if (!found.length) return undefined;
  return found
    .map(([path, message]) => {
      const rest = path.slice(prefix.length + 1);
      if (!rest) return message;
      if (keyed) return `${rest}: ${message}`;
      const [index, field] = rest.split('.');
      return `line ${Number(index) + 1}${field ? ` (${field})` : ''}: ${message}`;
    })
    .join('; ');
}

/** How a cloud names what the editor asks for, and its pool rules (AWS's by default). */
export interface PoolVocabulary {
  schema: z.ZodType;
  regular: string;
  sizes: string;
  sizesHint: string;
  /** How long the sizes field may be (FIELD_LIMITS: the most sizes, each as long as one may be). */
  sizesMaxLength: number;
}

const EC2_WORDS: PoolVocabulary = {
  schema: NodePool,
  regular: 'On-Demand',
  sizes: 'Instance types',
  sizesHint: 'Comma-separated, e.g. m6i.large, m7i.large',
  sizesMaxLength: FIELD_LIMITS.awsSizes,
};

export function PoolEditor({
  pool,
  onChange,
  onRemove,
  canRemove,
  words = EC2_WORDS,
}: {
  words?: PoolVocabulary;
  pool: PoolDraft;
  onChange(next: PoolDraft): void;
  onRemove(): void;
  canRemove: boolean;
}) {
  const [types, setTypes] = useState(((pool.instanceTypes as string[]) ?? []).join(', '));
  const [labels, setLabels] = useState(linesOf((pool.labels as Record<string, string>) ?? {}));
  const [taints, setTaints] = useState(
    taintLines((pool.taints as { key: string; value?: string; effect?: string }[]) ?? []),
  );
  const errors = problemsByPath(words.schema, pool);
  const set = (patch: PoolDraft) => onChange({ ...pool, ...patch });
  const num = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  const name = String(pool.name ?? '');

  return (
    <fieldset className="pool-editor">
      <legend>Edit {name || 'pool'}</legend>
      <div className="grid-3">
        <TextField
          label="Name"
          value={name}
          onChange={(v) => set({ name: v })}
          error={errors.name}
          mono
          maxLength={FIELD_LIMITS.poolName}
        />
        <SelectField
          label="Role"
          value={String(pool.role)}
          onChange={(v) => set({ role: v })}
          options={[
            { value: 'system', label: 'System (persistent)' },
            { value: 'workers', label: 'Job workers (ephemeral)' },
          ]}
          error={errors.role}
        />
        <SelectField
          label="Capacity"
          value={String(pool.capacity)}
          onChange={(v) => set({ capacity: v })}
          options={[
            { value: 'regular', label: words.regular },
            { value: 'spot', label: 'Spot (cheaper, can be reclaimed)' },
          ]}
          error={errors.capacity}
        />
      </div>
      <TextField
        label={words.sizes}
        value={types}
        onChange={(v) => {
          setTypes(v);
          set({ instanceTypes: v.split(/[\s,]+/).filter(Boolean) });
        }}
        error={listErrors(errors, 'instanceTypes')}
        mono
        hint={words.sizesHint}
        maxLength={words.sizesMaxLength}
      />
      <div className="grid-4">
        <TextField
          label="Disk (GiB)"
          type="number"
          value={String(pool.diskSizeGiB ?? '')}
          onChange={(v) => set({ diskSizeGiB: num(v) })}
          error={errors.diskSizeGiB}
        />
        <TextField
          label="Min nodes"
          type="number"
          value={String(pool.minSize ?? '')}
          onChange={(v) => set({ minSize: num(v) })}
          error={errors.minSize}
        />
        <TextField
          label="Desired nodes"
          type="number"
          value={String(pool.desiredSize ?? '')}
          onChange={(v) => set({ desiredSize: num(v) })}
          error={errors.desiredSize}
        />
        <TextField
          label="Max nodes"
          type="number"
          value={String(pool.maxSize ?? '')}
          onChange={(v) => set({ maxSize: num(v) })}
          error={errors.maxSize}
        />
      </div>
      <div className="grid-2">
        <Field
          label="Labels"
          hint={
            <>
              One key=value per line <LengthCount length={labels.length} max={FIELD_LIMITS.labels} />
            </>
          }
          error={listErrors(errors, 'labels', true)}
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input mono"
              rows={3}
              value={labels}
              maxLength={FIELD_LIMITS.labels}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => {
                setLabels(e.target.value);
                set({ labels: parseLabels(e.target.value) });
              }}
            />
          )}
        </Field>
        <Field
          label="Taints"
          hint={
            <>
              One key=value:Effect per line (NoSchedule, PreferNoSchedule, NoExecute){' '}
              <LengthCount length={taints.length} max={FIELD_LIMITS.taints} />
            </>
          }
          error={listErrors(errors, 'taints')}
        >
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input mono"
              rows={3}
              value={taints}
              maxLength={FIELD_LIMITS.taints}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => {
                setTaints(e.target.value);
                set({ taints: parseTaints(e.target.value) });
              }}
            />
          )}
        </Field>
      </div>
      {canRemove && (
        <button type="button" className="button button--secondary" onClick={onRemove}>
          Remove this pool
        </button>
      )}
    </fieldset>
  );
}
