import { openStudio } from './StudioChecklist';
import './StudioHelp.css';

/** Help where people hesitate on the Studio step: closed by default, never in the way. */
export function StudioNamesHelp() {
  return (
    <details className="help">
      <summary>Where do the team and the credentials names come from?</summary>
      <p>
        The <strong>team</strong> is your team's name in Studio, or your user name for credentials of your own. The two{' '}
        <strong>credentials names</strong> are yours to choose (the defaults are fine): you create two credentials
        entries with exactly these names in Studio, under that team.
      </p>
      <p>In Studio, in this order:</p>
      <ol>
        <li>Finish this setup first: the credentials need the role ARNs it outputs.</li>
        <li>In the team's settings, create the compute credentials and the storage credentials with these names.</li>
        <li>Add the compute cluster with the outputs (or import the exported Studio config).</li>
      </ol>
      <p>
        The app shows this list again, with the values filled in, after the deploy.{' '}
        <button type="button" className="link-button" onClick={() => openStudio()}>
          Open Studio in your browser
        </button>
      </p>
    </details>
  );
}

export function IssuerHelp() {
  return (
    <details className="help">
      <summary>What is the OIDC issuer, and why is it checked?</summary>
      <p>
        Studio never holds keys to your account. It signs short-lived tokens as its OpenID Connect issuer, and your
        account trusts that issuer through an IAM OIDC provider this setup makes (or reuses). The roles accept a token
        only when its subject names your team and one of the two credentials.
      </p>
      <p>
        The wizard fetches the issuer's discovery document and signing keys now, so a typo, a proxy or a firewall shows
        up here, not as a cluster that cannot start later.
      </p>
    </details>
  );
}
