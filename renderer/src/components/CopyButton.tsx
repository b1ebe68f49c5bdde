import { useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older contexts: a hidden textarea and the copy command.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

interface Props {
  text: string;
  /** What is copied, for screen readers: "Copy datachain_cluster_vpc_id". */
  label: string;
  children?: string;
  /** Small beside a value (the default); regular among the page's other buttons. */
  size?: 'small' | 'regular';
}

export function CopyButton({ text, label, children = 'Copy', size = 'small' }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className={`button button--secondary${size === 'small' ? ' button--small' : ''}`}
      aria-label={label}
      onClick={async () => {
        setState((await copyText(text)) ? 'copied' : 'failed');
        setTimeout(() => setState('idle'), 1600);
      }}
    >
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : children}</span>
    </button>
  );
}
