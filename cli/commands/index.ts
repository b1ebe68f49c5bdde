/** Every command: its flags, one line of help, and what runs. */
import type { Context } from '../context';
import { apply } from './apply';
import { destroy } from './destroy';
import { doctor } from './doctor';
import { grant, revoke } from './grants';
import { login, whoami } from './identity';
import { outputs } from './outputs';
import { plan } from './plan';
import { status } from './status';
import {
  azureApply,
  azureDestroy,
  azureDoctor,
  azureGrant,
  azureLogin,
  azureOutputs,
  azurePlanCommand,
  azureRevoke,
  azureStatus,
  azureWhoami,
} from '../azure/commands';

export interface Command {
  usage: string;
  summary: string;
  flags: string[];
  run(ctx: Context): Promise<number>;
}

/** The same command on each cloud. */
const byCloud = (aws: (ctx: Context) => Promise<number>, azure: (ctx: Context) => Promise<number>) => (ctx: Context) =>
  ctx.cloud === 'azure' ? azure(ctx) : aws(ctx);

/** AWS: --profile/--region; Azure: --tenant/--subscription (az's session), --resource-group. */
const ACCOUNT = ['cloud', 'profile', 'region', 'tenant', 'subscription', 'device-code'];
const WHERE = [...ACCOUNT, 'stack', 'prefix', 'file', 'resource-group'];
const SETUP = [
  ...WHERE,
  'team',
  'issuer',
  'compute-credentials',
  'storage-credentials',
  'zones',
  'tags',
  'thumbprints',
  'location',
];
const APPLY = [...SETUP, 'take-over', 'no-preflight'];

export const COMMANDS: Record<string, Command> = {
  login: {
    usage: 'login [--profile P] [--mfa-code 123456] | login --cloud azure [--tenant T] [--device-code]',
    summary: 'Sign in (IAM Identity Center profiles get a device code; Azure runs az login).',
    flags: [...ACCOUNT, 'mfa-code'],
    run: byCloud(login, azureLogin),
  },
  whoami: {
    usage: 'whoami [--profile P]',
    summary: 'Who the credentials belong to.',
    flags: ACCOUNT,
    run: byCloud(whoami, azureWhoami),
  },
  plan: {
    usage: 'plan [setup] [--handoff DIR [--template-url URL]]',
    summary: 'What apply would change, and whether you have the rights; --handoff writes what an admin needs.',
    flags: [...SETUP, 'handoff', 'template-url'],
    run: byCloud(plan, azurePlanCommand),
  },
  apply: {
    usage: 'apply [setup] [--yes] [--take-over yes]',
    summary: 'Create or update the setup.',
    flags: APPLY,
    run: byCloud(apply, azureApply),
  },
  status: {
    usage: 'status [--stack NAME]',
    summary: 'The setups this account has (including ones an admin made from a hand-off).',
    flags: [...ACCOUNT, 'stack', 'resource-group'],
    run: byCloud(status, azureStatus),
  },
  outputs: {
    usage: 'outputs [where] [--format json|yaml|terraform]',
    summary: 'The Studio config (json, yaml) or `terraform output -json`.',
    flags: [...WHERE, 'format'],
    run: byCloud(outputs, azureOutputs),
  },
  grant: {
    usage:
      'grant bucket NAME [--kms-key ARN] | grant secret ARN --env NAME [--key KEY] [--kms-key ARN]\n  | grant storage-account NAME | grant key-vault NAME [--secret NAME --env NAME [--key KEY]]   (Azure)',
    summary: 'Let Studio use one more bucket or secret (Azure: storage account or Key Vault).',
    flags: [...APPLY, 'kms-key', 'env', 'key', 'secret'],
    run: byCloud(grant, azureGrant),
  },
  revoke: {
    usage: 'revoke bucket NAME | revoke secret ARN | revoke storage-account NAME | revoke key-vault NAME',
    summary: 'Take a bucket or secret (Azure: storage account or Key Vault) away from Studio.',
    flags: APPLY,
    run: byCloud(revoke, azureRevoke),
  },
  doctor: {
    usage: 'doctor [where] [--fix]',
    summary: "Prove Studio's tokens get in and nothing else does; --fix applies the fixes it can.",
    flags: [...WHERE, 'fix'],
    run: byCloud(doctor, azureDoctor),
  },
  destroy: {
    usage: 'destroy [where] [--yes]',
    summary: 'Delete the setup.',
    flags: WHERE,
    run: byCloud(destroy, azureDestroy),
  },
};
