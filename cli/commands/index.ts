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

export interface Command {
  usage: string;
  summary: string;
  flags: string[];
  run(ctx: Context): Promise<number>;
}

const ACCOUNT = ['profile', 'region'];
const WHERE = [...ACCOUNT, 'stack', 'prefix', 'file'];
const SETUP = [
  ...WHERE,
  'team',
  'issuer',
  'compute-credentials',
  'storage-credentials',
  'zones',
  'tags',
  'thumbprints',
];
const APPLY = [...SETUP, 'take-over', 'no-preflight'];

export const COMMANDS: Record<string, Command> = {
  login: {
    usage: 'login [--profile P] [--mfa-code 123456]',
    summary: 'Sign in (IAM Identity Center profiles get a device code).',
    flags: [...ACCOUNT, 'mfa-code'],
    run: login,
  },
  whoami: { usage: 'whoami [--profile P]', summary: 'Who the credentials belong to.', flags: ACCOUNT, run: whoami },
  plan: {
    usage: 'plan [setup] [--handoff DIR [--template-url URL]]',
    summary: 'What apply would change, and whether you have the rights; --handoff writes what an admin needs.',
    flags: [...SETUP, 'handoff', 'template-url'],
    run: plan,
  },
  apply: {
    usage: 'apply [setup] [--yes] [--take-over yes]',
    summary: 'Create or update the setup.',
    flags: APPLY,
    run: apply,
  },
  status: {
    usage: 'status [--stack NAME]',
    summary: 'The setups this account has (including ones an admin made from a hand-off).',
    flags: [...ACCOUNT, 'stack'],
    run: status,
  },
  outputs: {
    usage: 'outputs [where] [--format json|yaml|terraform]',
    summary: 'The Studio config (json, yaml) or `terraform output -json`.',
    flags: [...WHERE, 'format'],
    run: outputs,
  },
  grant: {
    usage: 'grant bucket NAME [--kms-key ARN] | grant secret ARN --env NAME [--key KEY] [--kms-key ARN]',
    summary: 'Let Studio use one more bucket or secret.',
    flags: [...APPLY, 'kms-key', 'env', 'key'],
    run: grant,
  },
  revoke: {
    usage: 'revoke bucket NAME | revoke secret ARN',
    summary: 'Take a bucket or secret away from Studio.',
    flags: APPLY,
    run: revoke,
  },
  doctor: {
    usage: 'doctor [where] [--fix]',
    summary: "Prove Studio's tokens get in and nothing else does; --fix applies the fixes it can.",
    flags: [...WHERE, 'fix'],
    run: doctor,
  },
  destroy: { usage: 'destroy [where] [--yes]', summary: 'Delete the setup.', flags: WHERE, run: destroy },
};
