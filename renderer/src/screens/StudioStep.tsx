import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect } from 'react';
import { IssuerHost, StudioName, subjectFor } from '@contract/domain';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/Field';
import { Notice } from '../components/Notice';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { problemWith } from '../lib/validation';
import { useAppStore } from '../store';
import { NO_STUDIO } from '../store/draft';
import { IssuerHelp, StudioNamesHelp } from './StudioHelp';
import './StudioStep.css';

export function StudioStep() {
  const studio = useAppStore((s) => s.draft.studio ?? NO_STUDIO);
  const issuerCheck = useAppStore((s) => s.issuer);
  const { updateStudio, checkIssuer } = useAppStore.getState();
  const team = studio.team ?? '';
  const compute = studio.computeCredentials ?? '';
  const storage = studio.storageCredentials ?? '';
  const issuer = studio.issuer ?? '';
  const set = updateStudio;

  const errors = {
    team: team ? problemWith(StudioName, team) : undefined,
    compute: problemWith(StudioName, compute),
    storage: problemWith(StudioName, storage),
    issuer: problemWith(IssuerHost, issuer),
  };
  const normalizedIssuer = errors.issuer ? undefined : IssuerHost.parse(issuer);

  // Check the issuer as soon as it is well-formed (and again whenever it changes).
  useEffect(() => {
    if (!normalizedIssuer || issuerCheck.issuer === normalizedIssuer) return;
    const timer = setTimeout(() => void checkIssuer(normalizedIssuer), 400);
    return () => clearTimeout(timer);
  }, [normalizedIssuer, issuerCheck.issuer, checkIssuer]);

  const issuerOk = issuerCheck.status === 'ready' && issuerCheck.issuer === normalizedIssuer;
  const sameNames = compute && compute === storage;
  const computeSubject = subjectFor(team || '<team>', compute || '<name>');
  const storageSubject = subjectFor(team || '<team>', storage || '<name>');

  return (
    <div className="screen">
      <ScreenHeader title="Connect to DataChain Studio">
        Studio signs in to your account with OpenID Connect tokens whose subject names your team and a credentials
        entry. Use the same names here and in Studio's credentials settings.
      </ScreenHeader>

      <div className="grid-2">
        <TextField
          label="Studio team (or user)"
          value={team}
          onChange={(v) => set({ team: v.trim() })}
          error={errors.team}
          maxLength={FIELD_LIMITS.studioName}
          placeholder="example-team"
          hint="Your team's name in Studio, or your user name."
          autoFocus
        />
        <div />
        <TextField
          label="Compute credentials name"
          value={compute}
          onChange={(v) => set({ computeCredentials: v.trim() })}
          error={errors.compute}
          maxLength={FIELD_LIMITS.studioName}
          hint="Studio uses it to create and delete clusters."
        />
        <TextField
          label="Storage credentials name"
          value={storage}
          onChange={(v) => set({ storageCredentials: v.trim() })}
          maxLength={FIELD_LIMITS.studioName}
          error={errors.storage ?? (sameNames ? 'use a different name from the compute credentials' : undefined)}
          hint="Studio jobs use it to read buckets and secrets."
        />
      </div>

      <StudioNamesHelp />

      <section className="card" aria-label="Token subjects">
        <h2>Subjects the roles will trust</h2>
        <dl className="subjects">
          <div>
            <dt>Compute</dt>
            <dd className="mono">{computeSubject}</dd>
            <dd>
              <CopyButton text={computeSubject} label="Copy the compute subject" />
            </dd>
          </div>
          <div>
            <dt>Storage</dt>
            <dd className="mono">{storageSubject}</dd>
            <dd>
              <CopyButton text={storageSubject} label="Copy the storage subject" />
            </dd>
          </div>
        </dl>
      </section>

      <TextField
        label="OIDC issuer"
        value={issuer}
        onChange={(v) => set({ issuer: v })}
        error={errors.issuer}
        maxLength={FIELD_LIMITS.issuer}
        mono
        hint="Studio's issuer: keep the default unless DataChain gave you another one."
      />
      <IssuerHelp />
      {normalizedIssuer && issuerCheck.issuer === normalizedIssuer && issuerCheck.status === 'loading' && (
        <Spinner label={`Checking https://${normalizedIssuer}/.well-known/openid-configuration…`} />
      )}
      {issuerOk && issuerCheck.status === 'ready' && (
        <Notice tone="success" title="Issuer verified">
          https://{normalizedIssuer} publishes its keys at <span className="mono">{issuerCheck.value.jwksUri}</span>.
          Certificate authority: {issuerCheck.value.authorities.map((a) => a.subject).join(', ')}.
        </Notice>
      )}
      {issuerCheck.status === 'error' && issuerCheck.issuer === normalizedIssuer && (
        <ErrorNotice
          title="The issuer could not be verified"
          error={issuerCheck.error}
          onRetry={() => normalizedIssuer && void checkIssuer(normalizedIssuer)}
        />
      )}

      <StepFooter />
    </div>
  );
}
