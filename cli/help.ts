import { COMMANDS } from './commands';
import { EXIT_HELP } from './exit-codes';

export function helpText(command?: string): string {
  const one = command ? COMMANDS[command] : undefined;
  if (one) return `Usage: datachain-setup ${one.usage}\n\n${one.summary}\n\n${COMMON}\n\n${EXIT_HELP}\n`;
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `DataChain Cluster Setup on the command line: the app's setup, without the window.

Usage: datachain-setup <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

${COMMON}

Examples:
  datachain-setup apply --region eu-north-1 --team acme --yes
  datachain-setup grant bucket acme-data --region eu-north-1 --yes
  datachain-setup doctor --region eu-north-1
  datachain-setup apply --cloud azure --location eastus --team acme --yes

${EXIT_HELP}
`;
}

const COMMON = `Setup: --file FILE (a Studio config the app exported, JSON or YAML, or a setup config),
  or flags: --team T --region R [--prefix P] [--issuer HOST/PATH] [--zones a,b] [--tags K=V,...]
  [--compute-credentials N] [--storage-credentials N]. A deployed setup keeps what is not given.
Where: --stack NAME (default: the prefix's name, datachain-cluster) and --region.
Azure (--cloud azure): the az CLI's session (login runs az login; --device-code signs in with a
  device code instead, for that command only without az); --tenant T (else AZURE_TENANT_ID, else
  az's), --subscription S (else AZURE_SUBSCRIPTION_ID, else az's default subscription, else the
  tenant's only one; the one chosen is named on stderr), --resource-group G
  (default datachain), --location L, and --team, --issuer, --prefix, --tags as on AWS; --file takes
  the Azure Studio config the app exported.
Options:
  --cloud C      aws (default) or azure
  --profile P    AWS profile (else AWS_PROFILE, AWS_ACCESS_KEY_ID…, the default chain)
  --region R     AWS region (else AWS_REGION, AWS_DEFAULT_REGION)
  --yes, -y      confirm without asking (needed without a terminal)
  --json         machine-readable result on stdout; progress stays on stderr
  --quiet        no progress
  --no-color     no colour (also NO_COLOR)
  Ctrl-C         does what Cancel does in the app (a deploy rolls back; a teardown cannot be cancelled)`;
