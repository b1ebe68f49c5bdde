import type { ApiErrorShape } from '@contract/errors';
import type { OperationEvent } from '@contract/events';

type ResourceEvent = Extract<OperationEvent, { type: 'resource' }>;
type LogEvent = Extract<OperationEvent, { type: 'log' }>;
type PromptEvent = Extract<OperationEvent, { type: 'prompt' }>;

/** What the screens show of a long operation, derived from its events only. */
export interface OperationView {
  operationId: string;
  title: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  startedAt?: string;
  finishedAt?: string;
  lastSeq: number;
  progress?: { step: string; current: number; total: number };
  /** Latest state per resource, in the order resources first appeared. */
  resources: ResourceEvent[];
  logs: (LogEvent | ResourceEvent)[];
  prompt?: PromptEvent;
  result?: unknown;
  error?: ApiErrorShape;
}

export function emptyView(operationId: string): OperationView {
  return { operationId, title: '', kind: '', status: 'running', lastSeq: 0, resources: [], logs: [] };
}

/** The one reducer: each event, once, in order. Pure, so re-attaching is just replaying. */
export function applyEvent(view: OperationView, event: OperationEvent): OperationView {
  if (event.seq <= view.lastSeq) return view;
  const next: OperationView = { ...view, lastSeq: event.seq };
  switch (event.type) {
    case 'started':
      return { ...next, title: event.title, kind: event.kind, startedAt: event.at };
    case 'progress':
      return { ...next, progress: { step: event.step, current: event.current, total: event.total } };
    case 'log':
      return { ...next, logs: [...view.logs, event] };
    case 'prompt':
      return { ...next, prompt: event };
    case 'resource': {
      const index = view.resources.findIndex((r) => r.logicalId === event.logicalId);
      const resources =
        index === -1 ? [...view.resources, event] : view.resources.map((r, i) => (i === index ? event : r));
      return { ...next, resources, logs: [...view.logs, event] };
    }
    case 'finished':
      return {
        ...next,
        status: event.status,
        finishedAt: event.at,
        ...(event.result !== undefined ? { result: event.result } : {}),
        ...(event.error ? { error: event.error } : {}),
      };
  }
}
