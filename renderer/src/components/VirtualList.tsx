import { useEffect, useRef, useState, type ReactNode } from 'react';
import './VirtualList.css';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  label: string;
  renderRow(item: T, index: number): ReactNode;
  getKey(item: T): string;
}

/**
 * Renders only the rows in view (plus a few), so 10,000 buckets scroll and filter without the
 * page slowing down.
 */
export function VirtualList<T>({ items, rowHeight, height, label, renderRow, getKey }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    if (ref.current && ref.current.scrollTop > items.length * rowHeight) ref.current.scrollTop = 0;
  }, [items.length, rowHeight]);
  // Few rows beyond the view: a keystroke that filters re-renders every row shown.
  const overscan = 3;
  // A list that just got shorter (filtered) is drawn from where its scroll will be, not blank for a frame.
  const top = Math.min(scrollTop, Math.max(0, items.length * rowHeight - height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);
  return (
    <div
      ref={ref}
      className="virtual-list"
      // No taller than its rows: a short list leaves no empty box.
      style={{ height: Math.min(height, Math.max(1, items.length) * rowHeight + 2) }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      role="group"
      aria-label={label}
      tabIndex={0}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => (
          <div
            key={getKey(item)}
            className="virtual-list__row"
            style={{ position: 'absolute', top: (first + offset) * rowHeight, height: rowHeight, left: 0, right: 0 }}
          >
            {renderRow(item, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}
