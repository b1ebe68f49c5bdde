import { ApiError } from '../../contract';
import { isAllowedExternalUrl } from '../../shared/url-policy';
import type { HandlersOf } from '../dispatch';
import type { AppContract } from '../../contract';
import { DraftStore } from '../draft-store';
import type { CoreServices } from '../services';
import type { UpdateService } from '../updates/service';

type AppHandlers = Pick<
  HandlersOf<AppContract>,
  | 'app.info'
  | 'app.openExternal'
  | 'app.draft.load'
  | 'app.draft.save'
  | 'app.draft.clear'
  | 'app.saveFile'
  | 'app.update.status'
  | 'app.update.install'
>;

export function appHandlers(services: CoreServices, updates: UpdateService): AppHandlers {
  const drafts = new DraftStore(services.userDataDir);
  return {
    async 'app.draft.load'() {
      return drafts.load();
    },
    async 'app.draft.save'({ draft }) {
      return { savedAt: await drafts.save(draft) };
    },
    async 'app.draft.clear'() {
      return { cleared: await drafts.clear() };
    },
    async 'app.saveFile'({ suggestedName, content, filterName, extensions }) {
      if (!services.saveFile) return { saved: false, reason: 'unsupported' as const };
      const result = await services.saveFile(suggestedName, content, { name: filterName, extensions });
      return { ...result, reason: result.saved ? ('saved' as const) : ('cancelled' as const) };
    },
    async 'app.update.status'() {
      return updates.status();
    },
    async 'app.update.install'() {
      return updates.install();
    },
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
