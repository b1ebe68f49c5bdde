import { FIELD_LIMITS } from '@contract/field-limits';
import { useState } from 'react';
import { NewProfileName } from '@contract/clouds/aws';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { useAppStore } from '../store';

/** Save the sign-in made here as a profile: SSO to ~/.aws/config, keys to ~/.aws/credentials. */
export function SaveAsProfile({ kind }: { kind: 'sso' | 'keys' }) {
  const save = useAppStore((s) => s.signInHere.save);
  const listing = useAppStore((s) => (s.profiles.status === 'ready' ? s.profiles.value : undefined));
  const { saveAsProfile } = useAppStore.getState();
  const [name, setName] = useState('datachain');
  const checked = NewProfileName.safeParse(name);
  const taken = listing?.profiles.some((p) => p.name === name.trim());
  const error = !checked.success
    ? checked.error.issues[0]?.message
    : taken
      ? 'a profile of that name exists'
      : undefined;
  const fieldError =
    save.status === 'error' ? save.error.details?.fields?.find((f) => f.path === 'name')?.message : undefined;
  const where =
    kind === 'sso'
      ? `Adds an sso-session and this profile to ${listing?.configFile ?? '~/.aws/config'}; no token is written.`
      : `Writes the keys to ${listing?.credentialsFile ?? '~/.aws/credentials'}, readable only by you.`;

  return (
    <section className="save-profile" aria-label="Save as a profile">
      <h3>Keep this sign-in for next time (optional)</h3>
      <p className="muted">
        {kind === 'sso'
          ? 'The app forgets this sign-in when it closes. Saved as a profile, the app and the AWS CLI find it again.'
          : 'The app forgets these keys when it closes. Saved as a profile, the app and the AWS CLI find them again.'}
      </p>
      <form
        className="row save-profile__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!error && checked.success) void saveAsProfile(checked.data);
        }}
      >
        <TextField
          label="Profile name"
          value={name}
          onChange={setName}
          hint={where}
          error={error ?? fieldError}
          mono
          maxLength={FIELD_LIMITS.profileName}
        />
        <button type="submit" className="button button--secondary" disabled={!!error || save.status === 'saving'}>
          {save.status === 'saving' ? 'Saving…' : 'Save as a profile'}
        </button>
      </form>
      {save.status === 'error' && !fieldError && <ErrorNotice title="Saving the profile" error={save.error} />}
    </section>
  );
}
