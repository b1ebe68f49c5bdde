import { useEffect, useState, type ReactNode } from 'react';
import { ThemeIcon } from '../components/Icons';
import { STEPS, stepIndex, type StepId } from './steps';
import { applyTheme, initialTheme, type Theme } from './theme';

interface Props {
  view: 'wizard' | 'manage';
  current: StepId;
  /** The furthest step the user may jump to from the rail. */
  reachable: number;
  onStep(step: StepId): void;
  onView(view: 'wizard' | 'manage'): void;
  children: ReactNode;
}

export function Shell({ view, current, reachable, onStep, onView, children }: Props) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => applyTheme(theme), [theme]);
  const currentIndex = stepIndex(current);
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
          <button type="button" className={view === 'wizard' ? 'topnav__item topnav__item--current' : 'topnav__item'} aria-current={view === 'wizard' ? 'page' : undefined} onClick={() => onView('wizard')}>
            Setup
          </button>
          <button type="button" className={view === 'manage' ? 'topnav__item topnav__item--current' : 'topnav__item'} aria-current={view === 'manage' ? 'page' : undefined} onClick={() => onView('manage')}>
            Manage setups
          </button>
        </nav>
        <button type="button" className="icon-button" onClick={() => setTheme(next)} aria-label={`Switch to ${next} theme`} title={`Switch to ${next} theme`}>
          <ThemeIcon theme={theme} />
        </button>
      </header>
      {view === 'wizard' && (
        <nav className="rail" aria-label="Setup steps">
          <ol>
            {STEPS.map((step, index) => {
              const state = index === currentIndex ? 'current' : index < currentIndex ? 'done' : 'todo';
              const enabled = index <= reachable && index !== currentIndex && step.id !== 'deploy';
              return (
                <li key={step.id} className={`rail__step rail__step--${state}`} aria-current={index === currentIndex ? 'step' : undefined}>
                  <button type="button" className="rail__button" disabled={!enabled} onClick={() => onStep(step.id)} aria-label={`Step ${index + 1}: ${step.label}`}>
                    <span className="rail__index" aria-hidden="true">
                      {index + 1}
                    </span>
                    <span>{step.label}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
      )}
      <main className="content" id="main">
        {children}
      </main>
    </div>
  );
}
