import { useEffect, useRef, type ReactNode } from 'react';
import { useStepNumber } from '../wizard/context';
import './ScreenHeader.css';

/** The first screen after the page loads keeps the browser's own start (the skip link first). */
let pageJustLoaded = true;

interface Props {
  /** The line above the title. A wizard screen leaves it out: it shows "Step N", N counted by the wizard. */
  eyebrow?: string;
  title: string;
  children?: ReactNode;
}

/**
 * A screen's title. When the user moves to another screen, the page scrolls to the top and focus
 * moves to its heading, so keyboard and screen-reader users start reading the new screen, not
 * the old button.
 */
export function ScreenHeader({ eyebrow, title, children }: Props) {
  const number = useStepNumber();
  const line = eyebrow ?? (number === undefined ? undefined : `Step ${number}`);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (pageJustLoaded) {
      pageJustLoaded = false;
      return;
    }
    window.scrollTo(0, 0);
    // Not out of an open dialog (a screen can change under the sign-in dialog).
    if (!document.activeElement?.closest('[role="dialog"]')) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <header className="screen__header">
      {line && <p className="eyebrow">{line}</p>}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="lede">{children}</div>}
    </header>
  );
}
