import { useSaveStatus } from '../store/save-status';
import { ErrorNotice } from './ErrorNotice';

/** A draft that could not be saved is said so, with why: the work would be lost after a restart. */
export function SaveNotice() {
  const error = useSaveStatus((s) => s.error);
  if (!error) return null;
  return (
    <div className="save-notice">
      <ErrorNotice title="Your work in progress could not be saved" error={error} />
    </div>
  );
}
