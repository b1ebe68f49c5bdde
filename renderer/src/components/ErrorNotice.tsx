import type { ApiErrorShape } from '@contract/errors';
import { Fragment } from 'react';
import './Notice.css';

/** `command` in a message is a command to type: shown as code, never with its backticks. */
export function withCode(text: string) {
  return text
    .split(/`([^`]+)`/)
    .map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>));
}

interface Props {
  error: ApiErrorShape;
  title?: string;
  onRetry?: () => void;
}

/** Every error says what happened (message) and what to do (hint). */
export function ErrorNotice({ error, title, onRetry }: Props) {
  return (
    <div className="notice notice--error" role="alert">
      <div className="notice__body">
        {title && <p className="notice__title">{title}</p>}
        <p>{withCode(error.message)}</p>
        {error.details?.hint && <p className="notice__hint">{withCode(error.details.hint)}</p>}
        {error.details?.fields && error.details.fields.length > 1 && (
          <ul className="notice__fields">
            {error.details.fields.map((field) => (
              <li key={field.path}>
                <code>{field.path}</code>: {withCode(field.message)}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
