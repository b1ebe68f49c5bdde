import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, initialTheme } from './app/theme';
import { startEarlySignIn } from './store/session';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

applyTheme(initialTheme());
// Beside the saved draft's load (started with the store), not after it: most drafts name no profile.
startEarlySignIn();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
