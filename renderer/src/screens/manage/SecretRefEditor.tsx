import { FIELD_LIMITS } from '@contract/field-limits';
import { useState } from 'react';
import { secretNameOf, secretReference, type AwsSetupConfig, type SecretGrant } from '@contract/clouds/aws';
import { EnvVarName, SecretKey } from '@contract/domain';
import { CopyButton } from '../../components/CopyButton';
import { TextField } from '../../components/Field';
import { problemWith } from '../../lib/validation';
import type { Propose } from './change';

/** A granted secret's job variable and JSON key, as recorded with the setup; renaming plans a record update. */
export function SecretRefEditor({
  secret,
  config,
  busy,
  propose,
}: {
  secret: SecretGrant;
  config: AwsSetupConfig;
  busy: boolean;
  propose: Propose<AwsSetupConfig>;
}) {
  const [envName, setEnvName] = useState(secret.envName);
  const [key, setKey] = useState(secret.key);
  const changed = envName !== secret.envName || key !== secret.key;
  const envProblem =
    problemWith(EnvVarName, envName) ??
    (config.secrets.some((s) => s.arn !== secret.arn && s.envName === envName)
      ? 'this variable name is used twice'
      : undefined);
  const keyProblem = problemWith(SecretKey, key);
  const name = secretNameOf(secret.arn);
  const line = secretReference(secret.envName, secret.arn, secret.key);
  return (
    <div className="secret-ref">
      <div className="reference">
        <code className="mono">{line}</code>
        <CopyButton text={line} label={`Copy the reference for ${secret.envName}`} />
      </div>
      <div className="grid-2 grid--top">
        <TextField
          label={`Job variable of ${name}`}
          value={envName}
          onChange={(v) => setEnvName(v.trim())}
          error={envProblem}
          mono
          maxLength={FIELD_LIMITS.envName}
        />
        <TextField
          label={`JSON key of ${name}`}
          value={key}
          onChange={(v) => setKey(v.trim())}
          error={keyProblem}
          mono
          maxLength={FIELD_LIMITS.secretKey}
        />
      </div>
      {changed && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy || !!envProblem || !!keyProblem}
          onClick={() =>
            void propose(`Rename the job variable of ${name}`, {
              ...config,
              secrets: config.secrets.map((s) => (s.arn === secret.arn ? { ...s, envName, key } : s)),
            })
          }
        >
          Plan the rename
        </button>
      )}
    </div>
  );
}
