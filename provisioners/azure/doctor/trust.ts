/**
 * Who may sign in as the setup's two apps: Entra exchanges a Studio token for the app's token
 * only when a federated credential of the app names the token's issuer and subject exactly and
 * lists its audience. So Studio gets in when one credential says https://<issuer>, its own
 * subject and api://AzureADTokenExchange, and nobody else does when no credential says anything
 * else. Pure: reads what `observe` read.
 */
import type { DoctorFinding, DoctorRemedy } from '../../core/checks.schema';
import type { AzureSetupConfig } from '../config.schema';
import { desiredFics } from '../desired';
import { FIC_AUDIENCE, PURPOSES, type Purpose } from '../naming';
import type { Observed } from '../state';

export const REDEPLOY: DoctorRemedy = {
  kind: 'redeploy',
  label: 'Deploy the setup again (puts back what it made, as its record says)',
};

const LABEL: Record<Purpose, string> = { compute: 'compute', storage: 'storage' };

export function trustFindings(observed: Observed, config: AzureSetupConfig): DoctorFinding[] {
  const wants = desiredFics(config, observed.names.displayName);
  const findings: DoctorFinding[] = [];
  for (const p of PURPOSES) {
    const state = observed.apps[p];
    const want = wants[p];
    const name = observed.names.displayName[p];
    if (!state.app) {
      findings.push({
        id: `trust.${p}.app`,
        area: 'trust',
        status: 'fail',
        title: `The ${LABEL[p]} app registration ${name} exists`,
        detail: 'It is not in Microsoft Entra ID (deleted, or never made).',
        fix: 'Deploy the setup again: an app in the Entra recycle bin is restored with its client ID; a new one needs the new client ID in Studio.',
        remedy: REDEPLOY,
      });
      continue;
    }
    const trusted = state.fics.find(
      (f) => f.issuer === want.issuer && f.subject === want.subject && f.audiences.includes(FIC_AUDIENCE),
    );
    const ours = state.fics.find((f) => f.name.toLowerCase() === want.name.toLowerCase());
    const differences = ours
      ? [
          ...(ours.issuer !== want.issuer ? [`issuer ${ours.issuer} (not ${want.issuer})`] : []),
          ...(ours.subject !== want.subject ? [`subject ${ours.subject ?? '(none)'} (not ${want.subject})`] : []),
          ...(!ours.audiences.includes(FIC_AUDIENCE)
            ? [`audiences ${ours.audiences.join(', ') || '(none)'} (not ${FIC_AUDIENCE})`]
            : []),
        ]
      : [];
    findings.push({
      id: `trust.${p}.studio-token`,
      area: 'trust',
      status: trusted ? 'pass' : 'fail',
      title: `A Studio token for ${want.subject} from ${want.issuer} (audience ${FIC_AUDIENCE}) signs in as ${name}`,
      ...(trusted
        ? {}
        : {
            detail: ours
              ? `Its federated credential ${ours.name} has ${differences.join('; ')}.`
              : `The app has no federated credential ${want.name}.`,
            fix: `Deploy the setup again: it sets the federated credential ${want.name} to issuer ${want.issuer}, subject ${want.subject} and audience ${FIC_AUDIENCE}.`,
            remedy: REDEPLOY,
          }),
    });
    const others = state.fics.filter((f) => f.issuer !== want.issuer || f.subject !== want.subject);
    const foreignOnlyOurs = others.every((f) => f.name.toLowerCase() === want.name.toLowerCase());
    findings.push({
      id: `trust.${p}.no-other-token`,
      area: 'trust',
      status: others.length ? 'fail' : 'pass',
      title: `No other token signs in as ${name}`,
      ...(others.length
        ? {
            detail: `It also trusts ${others.map((f) => `${f.subject ?? '(no subject)'} from ${f.issuer} (credential ${f.name})`).join('; ')}.`,
            fix: foreignOnlyOurs
              ? `Deploy the setup again: it gives the credential ${want.name} back its subject ${want.subject}.`
              : `Remove the other credentials unless you added them on purpose: az ad app federated-credential delete --id ${state.app.appId} --federated-credential-id <name>.`,
            ...(foreignOnlyOurs ? { remedy: REDEPLOY } : {}),
          }
        : {}),
    });
    findings.push({
      id: `trust.${p}.principal`,
      area: 'trust',
      status: state.sp ? 'pass' : 'fail',
      title: `The ${LABEL[p]} app has its service principal (what role assignments are given to)`,
      ...(state.sp
        ? {}
        : {
            detail: `There is no service principal for the app ${state.app.appId}: tokens cannot be issued and no role reaches it.`,
            fix: 'Deploy the setup again: it makes the service principal and its role assignments.',
            remedy: REDEPLOY,
          }),
    });
  }
  return findings;
}
