import { useMemo, useState, type ReactNode } from 'react';
import type { ApiErrorShape } from '@contract/errors';
import { FIELD_LIMITS } from '@contract/field-limits';
import { ErrorNotice } from './ErrorNotice';
import { TextField } from './Field';
import { countLabel, filterByQuery, type Noun } from './grant-picker';
import { Spinner } from './Spinner';
import { VirtualList } from './VirtualList';
import './GrantPicker.css';

/*
 * Granting access to things (buckets, secrets): a searchable list of what is available, a form
 * to add one by name, and the list of what is granted with a remove (or revoke) button each.
 * Props only, no store: the screen decides what adding and removing mean. GrantPicker puts the
 * three side by side as the wizard shows them; AddByName and GrantedList also stand alone
 * (manage). The class names are the ones the stylesheet and the e2e tests know.
 */

// Add by name -------------------------------------------------------------------------------
export interface AddByNameProps {
  /** The field's label ("Add a bucket by name"). */
  label: string;
  placeholder?: string;
  hint?: ReactNode;
  /** What is wrong with a typed value (already trimmed), as a sentence fragment; undefined when it may be added. */
  validate(value: string): string | undefined;
  /** Add it (look it up first, for example); resolve to a problem to show under the field, or to nothing when it was added. */
  onAdd(value: string): Promise<string | undefined> | string | undefined;
  /** The submit button's text (default "Add"). */
  submitLabel?: string;
  /** Disable the submit button (while something else is under way). */
  disabled?: boolean;
  /** Empty the field once the value was added (default true). */
  clearOnAdd?: boolean;
  /** The schema's length limit for the name (FIELD_LIMITS): the field takes no more. */
  maxLength: number;
}

export function AddByName({
  label,
  placeholder,
  hint,
  validate,
  onAdd,
  submitLabel = 'Add',
  disabled = false,
  clearOnAdd = true,
  maxLength,
}: AddByNameProps) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const submit = async () => {
    const value = typed.trim();
    const invalid = validate(value);
    if (invalid) return setProblem(invalid);
    const failed = await onAdd(value);
    setProblem(failed);
    if (!failed && clearOnAdd) setTyped('');
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField
        label={label}
        value={typed}
        onChange={(v) => {
          setTyped(v);
          setProblem(v ? validate(v.trim()) : undefined);
        }}
        error={problem}
        mono
        maxLength={maxLength}
        {...(placeholder ? { placeholder } : {})}
        {...(hint ? { hint } : {})}
      />
      <button
        type="submit"
        className="button button--secondary"
        disabled={disabled || !typed || !!validate(typed.trim())}
      >
        {submitLabel}
      </button>
    </form>
  );
}

// Granted -----------------------------------------------------------------------------------
export interface GrantedListProps<G> {
  items: readonly G[];
  getKey(item: G): string;
  /** The name shown for an item. */
  getName(item: G): string;
  /** The name's class (default "mono"; "mono small" for long ARNs). */
  nameClassName?: string;
  /** Shown after the name (a region, muted). */
  renderMeta?(item: G): ReactNode;
  /** Shown instead of the list when nothing is granted. */
  emptyText: ReactNode;
  /** The remove button's text (default "Remove"; "Revoke" on manage). */
  removeLabel?: string;
  /** The remove button's accessible name (default `${removeLabel} ${name}`). */
  removeAriaLabel?(item: G): string;
  onRemove(item: G): void;
  removeDisabled?: boolean;
  /** Below an item's head: its details (a KMS key offer, job variable fields, a check's status). */
  renderDetails?(item: G, index: number): ReactNode;
}

export function GrantedList<G>({
  items,
  getKey,
  getName,
  nameClassName = 'mono',
  renderMeta,
  emptyText,
  removeLabel = 'Remove',
  removeAriaLabel,
  onRemove,
  removeDisabled = false,
  renderDetails,
}: GrantedListProps<G>) {
  if (items.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ul className="granted">
      {items.map((item, index) => (
        <li key={getKey(item)}>
          <div className="granted__head">
            <span className={nameClassName}>{getName(item)}</span>
            {renderMeta?.(item)}
            <button
              type="button"
              className="link-button"
              disabled={removeDisabled}
              onClick={() => onRemove(item)}
              aria-label={removeAriaLabel ? removeAriaLabel(item) : `${removeLabel} ${getName(item)}`}
            >
              {removeLabel}
            </button>
          </div>
          {renderDetails?.(item, index)}
        </li>
      ))}
    </ul>
  );
}

// Available ---------------------------------------------------------------------------------
export interface AvailableProps<T> {
  /** The card's accessible name ("Your buckets"). */
  label: string;
  /** Its heading ("Your buckets", "Secrets Manager"). */
  title: string;
  items: readonly T[];
  /** The same key as the granted item's (a checked row is a granted one). Pass a stable function: it keys the filtering. */
  getKey(item: T): string;
  /** The name searched and shown. Pass a stable function (module level): the filter is remembered per items, query and getName. */
  getName(item: T): string;
  /** The listing's state: loading (more pages may follow), complete (the last page arrived), failed. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  complete: boolean;
  error?: ApiErrorShape | undefined;
  onRetry?(): void;
  /** What the header counts ("bucket" / "buckets"). */
  noun: Noun;
  /** Replaces the header's count. */
  count?: ReactNode;
  /** The spinner's text before the first page. */
  loadingLabel: string;
  /** Shown when the complete listing is empty. */
  emptyText: ReactNode;
  /** Shown when nothing matches the search (given what was typed). */
  noMatch?(search: string): ReactNode;
  searchLabel: string;
  searchPlaceholder?: string;
  /** The scrolling list's accessible name ("Buckets"). */
  listLabel: string;
  listHeight: number;
  /** After the row's name (a region, a badge). */
  renderMeta?(item: T): ReactNode;
  /** Checking a row grants the item, unchecking removes it (the wizard: granting is only a choice there). */
  onToggle?(item: T, checked: boolean): void;
  /**
   * Instead of checkboxes, a button per row that is not granted yet (manage: picking plans the
   * grant, or fills the grant form). Keyed items listed in `granted` show no button.
   */
  pick?: { label: string; ariaLabel(item: T): string; disabled?: boolean; onPick(item: T): void };
  /** The keys of the granted items (checked rows, or rows without a pick button). */
  granted?: readonly string[];
  /** Controls between the header and the search (a region picker). */
  controls?: ReactNode;
  /** Below the list (in a GrantPicker: above its "add by name" form). */
  children?: ReactNode;
}

export interface GrantPickerProps<T, G> {
  available: AvailableProps<T>;
  /** The "add by name" form under the list (for what is not listed, e.g. in another account). */
  addByName?: AddByNameProps;
  granted: GrantedListProps<G> & {
    /** The card's accessible name ("Granted buckets"). */
    label: string;
    /** Its heading (default "Granted"). */
    title?: string;
  };
}

const ROW_HEIGHT = 36;

/** The searchable card of what may be granted: a checkbox (or a pick button) per row. */
export function AvailableList<T>(props: AvailableProps<T>) {
  const {
    label,
    title,
    items,
    getKey,
    getName,
    status,
    complete,
    error,
    onRetry,
    noun,
    count,
    loadingLabel,
    emptyText,
    noMatch,
    searchLabel,
    searchPlaceholder,
    listLabel,
    listHeight,
    renderMeta,
    onToggle,
    pick,
    granted = [],
    controls,
  } = props;
  const [search, setSearch] = useState('');
  // Filtered in the keystroke's own render (no deferral): against names lowercased once per
  // listing (grant-picker.ts), 10,000 names take well under a millisecond.
  const visible = useMemo(() => filterByQuery(items, search, getName), [items, search, getName]);
  const chosen = new Set(granted);
  const loading = status === 'loading';
  return (
    <section className="card" aria-label={label}>
      <div className="card__head">
        <h2>{title}</h2>
        <span className="muted" aria-live="polite">
          {count ?? countLabel(items.length, noun, { loading, complete })}
        </span>
      </div>
      {controls}
      <TextField
        label={searchLabel}
        value={search}
        onChange={setSearch}
        maxLength={FIELD_LIMITS.search}
        {...(searchPlaceholder ? { placeholder: searchPlaceholder } : {})}
      />
      {status === 'error' && error && <ErrorNotice error={error} {...(onRetry ? { onRetry } : {})} />}
      {loading && items.length === 0 && <Spinner label={loadingLabel} />}
      {items.length > 0 && (
        <VirtualList
          items={visible}
          rowHeight={ROW_HEIGHT}
          height={listHeight}
          label={listLabel}
          getKey={getKey}
          renderRow={(item) =>
            pick ? (
              <div className="list-row list-row--pick">
                <span className="mono list-row__name">{getName(item)}</span>
                {renderMeta?.(item)}
                {chosen.has(getKey(item)) ? (
                  <span className="badge badge--ok">Granted</span>
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    disabled={pick.disabled}
                    onClick={() => pick.onPick(item)}
                    aria-label={pick.ariaLabel(item)}
                  >
                    {pick.label}
                  </button>
                )}
              </div>
            ) : (
              <label className="list-row">
                <input
                  type="checkbox"
                  checked={chosen.has(getKey(item))}
                  onChange={(e) => onToggle?.(item, e.target.checked)}
                />
                <span className="mono list-row__name">{getName(item)}</span>
                {renderMeta?.(item)}
              </label>
            )
          }
        />
      )}
      {status === 'ready' && complete && items.length === 0 && <p className="muted">{emptyText}</p>}
      {noMatch && search.trim() && visible.length === 0 && items.length > 0 && (
        <p className="muted grant-picker__no-match">{noMatch(search)}</p>
      )}
      {props.children}
    </section>
  );
}

/** Available items (searchable, a checkbox each) beside the granted ones. */
export function GrantPicker<T, G>({ available, addByName, granted }: GrantPickerProps<T, G>) {
  const { label: grantedLabel, title: grantedTitle = 'Granted', ...list } = granted;
  return (
    <div className="split">
      <AvailableList {...available} granted={granted.items.map(granted.getKey)}>
        {available.children}
        {addByName && <AddByName {...addByName} />}
      </AvailableList>

      <section className="card" aria-label={grantedLabel}>
        <div className="card__head">
          <h2>{grantedTitle}</h2>
          <span className="muted">{granted.items.length}</span>
        </div>
        <GrantedList {...list} />
      </section>
    </div>
  );
}
