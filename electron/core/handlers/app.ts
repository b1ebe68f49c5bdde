import { ApiError } from '../../contract';
import { isAllowedExternalUrl } from '../../shared/url-policy';
import type { HandlersOf } from '../dispatch';
import type { AppContract } from '../../contract';
import type { CoreServices } from '../services';

type AppHandlers = Pick<HandlersOf<AppContract>, 'app.info' | 'app.openExternal'>;

export function appHandlers(services: CoreServices): AppHandlers {
  return {
    async 'app.info'() {
      return {
        name: services.appName,
        version: services.appVersion,
        runtime: services.runtime,
        platform: services.platform,
      };
    },
    async 'app.openExternal'({ url }) {
      if (!isAllowedExternalUrl(url)) {
        throw new ApiError('INVALID_INPUT', 'That link is not on the list of sites this app opens.', {
          fields: [{ path: 'url', message: 'not an allowed https link' }],
          hint: 'Copy the link and open it yourself if you trust it.',
        });
      }
      return { opened: await services.openExternal(url) };
    },
  };
}
