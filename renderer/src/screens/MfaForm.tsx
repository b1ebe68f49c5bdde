import { useState } from 'react';
import { TextField } from '../components/Field';
import { schemas } from '../api/validation';
import { problemWith } from '../lib/validation';
import './MfaForm.css';

/**
 * Six digits, with room for the spaces some authenticator apps show (they are taken out). Not from
 * field-limits.ts: this form is in the first screen's bundle, which has no zod in it.
 */
const MFA_CODE_MAX = 12;

// The schemas are loaded by the time a sign-in asks for a code (validation.ts).
const mfaCode = () => schemas().SignInInput.shape.mfaCode.unwrap();

/** Asks for the current code of the profile's MFA device. */
export function MfaForm({
  serial,
  busy,
  onSubmit,
}: {
  serial: string | undefined;
  busy: boolean;
  onSubmit(code: string): void;
}) {
  const [code, setCode] = useState('');
  const error = code ? problemWith(mfaCode(), code) : undefined;
  return (
    <form
      className="mfa-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!error && code) onSubmit(code);
      }}
    >
      <TextField
        label="MFA code"
        value={code}
        onChange={(v) => setCode(v.replace(/\s/g, ''))}
        inputMode="numeric"
        maxLength={MFA_CODE_MAX}
        mono
        autoFocus
        error={error}
        hint={serial ? `From the device ${serial}` : 'From your authenticator app'}
      />
      <button type="submit" className="button button--primary" disabled={!code || !!error || busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
