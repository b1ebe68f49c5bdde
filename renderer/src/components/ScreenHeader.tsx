import { useEffect, useRef, type ReactNode } from 'react';

/** The first screen after the page loads keeps the browser's own start (the skip link first). */
let pageJustLoaded = true;

/**
 * A screen's title. When the user moves to another screen, the page scrolls to the top and focus
 * moves to its heading, so keyboard and screen-reader users start reading the new screen, not
 * the old button.
 */
export function ScreenHeader({ eyebrow, title, children }: { eyebrow: string; title: string; children?: ReactNode }) {
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
      <p className="eyebrow">{eyebrow}</p>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="lede">{children}</div>}
    </header>
  );
}
