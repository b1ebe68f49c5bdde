import type { ReactNode } from 'react';
import './Notice.css';

interface Props {
  tone: 'info' | 'warning' | 'success' | 'error';
  title?: string;
  children: ReactNode;
  action?: ReactNode;
}

export function Notice({ tone, title, children, action }: Props) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice__body">
        {title && <p className="notice__title">{title}</p>}
        <div>{children}</div>
      </div>
      {action}
    </div>
  );
}
