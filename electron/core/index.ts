import { methods } from '../contract';
import { AwsSessions } from './aws/session';
import { createDispatcher, type Dispatch } from './dispatch';
import { appHandlers } from './handlers/app';
import { awsDiscoveryHandlers } from './handlers/aws-discovery';
import { awsIdentityHandlers } from './handlers/aws-identity';
import { awsSetupHandlers, type SetupHandlerOptions } from './handlers/aws-setup';
import { operationHandlers } from './handlers/operations';
import { OperationRegistry } from './operations/registry';
import type { CoreServices } from './services';

export interface Core {
  dispatch: Dispatch;
  operations: OperationRegistry;
  shutdown(): Promise<void>;
}

/** The composition root of everything both shells share. No electron import below this line. */
export function createCore(services: CoreServices, options: SetupHandlerOptions = {}): Core {
  const operations = new OperationRegistry();
  const sessions = new AwsSessions(services.env);
  const dispatch = createDispatcher(
    methods,
    {
      ...appHandlers(services),
      ...awsIdentityHandlers(sessions),
      ...awsDiscoveryHandlers(sessions, operations, services),
      ...awsSetupHandlers(sessions, operations, options),
      ...operationHandlers(operations),
    },
    (method, error) => services.log.error(`internal error in ${method}`, { error: String(error) }),
  );
  return { dispatch, operations, shutdown: () => operations.shutdown() };
}

export type { CoreServices } from './services';
