/**
 * What provisioners yield while they work. Plain data: the app turns these into operation
 * events; a CLI could print them.
 */
export type ResourceState =
  | 'pending'
  | 'in_progress'
  | 'complete'
  | 'failed'
  | 'rolling_back'
  | 'rolled_back'
  | 'deleting'
  | 'deleted'
  | 'skipped';

export type ProvisionEvent =
  | { type: 'progress'; step: string; current: number; total: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | {
      type: 'resource';
      logicalId: string;
      resourceType: string;
      status: ResourceState;
      rawStatus?: string;
      physicalId?: string;
      reason?: string;
    };

export const log = (message: string, level: 'info' | 'warn' | 'error' = 'info'): ProvisionEvent => ({
  type: 'log',
  level,
  message,
});
