import { useEffect, useState, type ReactNode } from 'react';
import { ThemeIcon } from '../components/Icons';
import { STEPS, type StepId } from './steps';
import { applyTheme, initialTheme, type Theme } from './theme';

interface Props {
  current: StepId;
  children: ReactNode;
}

export function Shell({ current, children }: Props) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => applyTheme(theme), [theme]);
  const currentIndex = STEPS.findIndex((s) => s.id === current);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span className="brand__name">DataChain Cluster Setup</span>
        </div>
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
      <nav className="rail" aria-label="Setup steps">
        <ol>
          {STEPS.map((step, index) => (
            <li
              key={step.id}
              className={index === currentIndex ? 'rail__step rail__step--current' : index < currentIndex ? 'rail__step rail__step--done' : 'rail__step'}
              aria-current={index === currentIndex ? 'step' : undefined}
            >
              <span className="rail__index" aria-hidden="true">{index + 1}</span>
              <span>{step.label}</span>
            </li>
          ))}
        </ol>
      </nav>
      <main className="content" id="main">
        {children}
      </main>
    </div>
  );
}
