import { useId, type ReactNode } from 'react';
import './Field.css';

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  className?: string;
}

/** A labelled control with its hint and, when the value is wrong, the reason right under it. */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children({ id, describedBy, invalid: !!error })}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
  placeholder?: string;
  mono?: boolean;
  inputMode?: 'text' | 'numeric';
  autoFocus?: boolean;
  className?: string;
  type?: 'text' | 'number' | 'password';
  /** The id of a <datalist> of suggestions. */
  list?: string;
  /** The schema's limit: the field takes no more, and says so as the value nears it. */
  maxLength?: number;
}

/** Shown once a value uses most of its limit, so the limit is never a surprise. */
export function LengthCount({ length, max }: { length: number; max: number }) {
  if (length < max * 0.8) return null;
  return (
    <span className={length >= max ? 'field__count field__count--full' : 'field__count'}>
      {length} of {max} characters{length >= max ? ' (the most allowed)' : ''}
    </span>
  );
}

export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  placeholder,
  mono,
  inputMode,
  autoFocus,
  className,
  type = 'text',
  list,
  maxLength,
}: TextFieldProps) {
  const counted =
    maxLength === undefined ? (
      hint
    ) : (
      <>
        {hint} <LengthCount length={value.length} max={maxLength} />
      </>
    );
  return (
    <Field label={label} hint={counted} error={error} {...(className ? { className } : {})}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={type}
          className={`input${mono ? ' mono' : ''}`}
          value={value}
          placeholder={placeholder}
          inputMode={inputMode}
          spellCheck={false}
          autoComplete="off"
          autoFocus={autoFocus}
          list={list}
          maxLength={maxLength}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

interface SelectFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string; disabled?: boolean }[];
  hint?: ReactNode;
  error?: string | undefined;
}

export function SelectField({ label, value, onChange, options, hint, error }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="input"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
