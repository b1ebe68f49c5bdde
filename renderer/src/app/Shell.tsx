import { useEffect, useState, type ReactNode } from 'react';
import { ThemeIcon } from '../components/Icons';
import { UpdateBanner } from '../components/UpdateBanner';
import { SaveNotice } from '../components/SaveNotice';
import { useRail, type AppWizardStep, type RailItem, type WizardProgress } from '../wizard';
import { applyTheme, initialTheme, type Theme } from './theme';
import './Shell.css';

interface Props {
  view: 'wizard' | 'manage';
  /** The wizard's steps (the rail shows those that apply). */
  steps: readonly AppWizardStep[];
  /** The current step and the furthest reached (the rail jumps no further). */
  progress: WizardProgress;
  onStep(step: string): void;
  onView(view: 'wizard' | 'manage'): void;
  children: ReactNode;
}

export function Shell({ view, steps, progress, onStep, onView, children }: Props) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => applyTheme(theme), [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';

  return (
    <div className={view === 'wizard' ? 'shell' : 'shell shell--wide'}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span className="brand__name">DataChain Cluster Setup</span>
        </div>
        <nav className="topnav" aria-label="Sections">
          <button
            type="button"
            className={view === 'wizard' ? 'topnav__item topnav__item--current' : 'topnav__item'}
            aria-current={view === 'wizard' ? 'page' : undefined}
            onClick={() => onView('wizard')}
          >
            Setup
          </button>
          <button
            type="button"
            className={view === 'manage' ? 'topnav__item topnav__item--current' : 'topnav__item'}
            aria-current={view === 'manage' ? 'page' : undefined}
            onClick={() => onView('manage')}
          >
            Manage setups
          </button>
        </nav>
        <button
          type="button"
          className="icon-button"
          onClick={() => setTheme(next)}
          aria-label={`Switch to ${next} theme`}
          title={`Switch to ${next} theme`}
        >
          <ThemeIcon theme={theme} />
        </button>
      </header>
      {view === 'wizard' && <Rail steps={steps} progress={progress} onStep={onStep} />}
      <main className="content" id="main">
        <UpdateBanner />
        <SaveNotice />
        {children}
      </main>
    </div>
  );
}

/** The wizard's visible steps: done, current or to do, each a button when the rail may jump to it. */
function Rail({ steps, progress, onStep }: Pick<Props, 'steps' | 'progress' | 'onStep'>) {
  const items: RailItem[] = useRail(steps, progress);
  return (
    <nav className="rail" aria-label="Setup steps">
      <ol>
        {items.map((step) => (
          <li
            key={step.id}
            className={`rail__step rail__step--${step.status}`}
            aria-current={step.status === 'current' ? 'step' : undefined}
          >
            <button
              type="button"
              className="rail__button"
              disabled={!step.reachable}
              onClick={() => onStep(step.id)}
              aria-label={`Step ${step.number}: ${step.label}`}
            >
              <span className="rail__index" aria-hidden="true">
                {step.number}
              </span>
              <span>{step.label}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
