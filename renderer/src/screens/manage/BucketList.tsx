import { useDeferredValue, useMemo, useState } from 'react';
import { filterByQuery } from '../../components/grant-picker';
import { TextField } from '../../components/Field';
import { useAppStore } from '../../store';

const nameOf = (b: { name: string }) => b.name;

/** The account's buckets, searchable: pick one to plan its grant. */
export function BucketList({
  granted,
  disabled,
  onPick,
}: {
  granted: string[];
  disabled: boolean;
  onPick(name: string): void;
}) {
  const listing = useAppStore((s) => s.buckets);
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search);
  const visible = useMemo(
    () =>
      filterByQuery(listing.items, query, nameOf)
        .filter((b) => !granted.includes(b.name))
        .slice(0, 8),
    [listing.items, query, granted],
  );
  if (listing.items.length === 0) return null;
  return (
    <div className="picker">
      <TextField label="Search your buckets" value={search} onChange={setSearch} placeholder="Type part of a name" />
      <ul className="picker__list" aria-label="Buckets to grant">
        {visible.map((b) => (
          <li key={b.name}>
            <span className="mono">{b.name}</span> <span className="muted">{b.region}</span>
            <button
              type="button"
              className="link-button"
              disabled={disabled}
              onClick={() => onPick(b.name)}
              aria-label={`Plan granting ${b.name}`}
            >
              Grant
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
