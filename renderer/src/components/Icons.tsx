import './Icons.css';

/** Small inline icons (no icon font: the CSP allows only our own files). */
export function CloudIcon({ provider }: { provider: 'aws' | 'azure' }) {
  return provider === 'aws' ? (
    <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" className="cloud-icon cloud-icon--aws">
      <rect x="1" y="1" width="38" height="38" rx="9" />
      <text x="20" y="22" textAnchor="middle">
        AWS
      </text>
      <path d="M10 28c6 4 14 4 20 0" fill="none" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  ) : (
    <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" className="cloud-icon cloud-icon--azure">
      <rect x="1" y="1" width="38" height="38" rx="9" />
      <path d="M12 29 19 11h5l-7 18zM21 17l8 12H18z" />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path
        d="M3 8.5 6.5 12 13 4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function ThemeIcon({ theme }: { theme: 'light' | 'dark' }) {
  return theme === 'dark' ? (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M13.5 10.2A5.8 5.8 0 0 1 5.8 2.5a5.8 5.8 0 1 0 7.7 7.7z" fill="currentColor" />
    </svg>
  ) : (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <circle cx="8" cy="8" r="3.2" fill="currentColor" />
      <path
        d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    </svg>
  );
}
