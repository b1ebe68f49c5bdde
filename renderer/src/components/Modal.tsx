import { useEffect, useRef, type ReactNode } from 'react';
import './Modal.css';

interface Props {
  title: string;
  children: ReactNode;
  onClose?: () => void;
}

const FOCUSABLE = 'input, button, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/** The dialog's enabled controls, in tab order. */
const focusables = (dialog: HTMLElement) =>
  [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));

/**
 * A modal dialog: focus moves into it (to the control marked `data-autofocus`, the safe choice of
 * a confirmation, or else the first one), Tab and Shift+Tab stay inside it, Escape closes it when
 * it can be closed, and focus goes back where it was when it closes.
 */
export function Modal({ title, children, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    const initial = dialog?.querySelector<HTMLElement>('[data-autofocus]') ?? (dialog && focusables(dialog)[0]);
    initial?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && onClose) onClose();
      if (e.key !== 'Tab' || !dialog) return;
      const inside = focusables(dialog);
      if (inside.length === 0) return;
      const first = inside[0]!;
      const last = inside[inside.length - 1]!;
      const at = document.activeElement;
      const outside = !(at instanceof Node) || !dialog.contains(at);
      if (e.shiftKey && (outside || at === first)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (outside || at === last)) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" ref={ref}>
        <h2 id="modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
