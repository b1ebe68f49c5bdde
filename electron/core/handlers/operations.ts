import type { AppContract } from '../../contract';
import type { HandlersOf } from '../dispatch';
import { ApiError } from '../../contract';
import type { OperationRegistry } from '../operations/registry';

type OperationHandlers = Pick<HandlersOf<AppContract>, 'operation.get' | 'operation.list' | 'operation.cancel'>;

export function operationHandlers(registry: OperationRegistry): OperationHandlers {
  return {
    async 'operation.get'({ operationId }) {
      const snapshot = registry.get(operationId);
      if (!snapshot) throw new ApiError('NOT_FOUND', `No operation with id ${operationId} is known to this session.`);
      return snapshot;
    },
    async 'operation.list'() {
      return registry.list();
    },
    async 'operation.cancel'({ operationId }) {
      const accepted = registry.cancel(operationId);
      return { accepted, meaning: registry.get(operationId)?.cancelMeaning };
    },
  };
}
