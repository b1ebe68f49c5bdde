/**
 * The Azure admin hand-off: for a user who may not make the setup, a reviewed bash script of `az`
 * calls that makes exactly what the plan would (handoff-script.ts), and a README saying what it
 * does and which rights it needs. The script writes the setup's record into the resource group's
 * tags like the app's deploy does, so the admin-made setup is adopted: it appears under Manage
 * and `datachain-setup status`, and exports like one the app made.
 */
import type { Handoff } from '../core/checks.schema';
import { ProvisionError } from '../core/errors';
import type { AzureHttp } from './client';
import type { AzureSetupConfig } from './config.schema';
import { computePlan, type Op } from './plan';
import { observe } from './state';
import { renderScript } from './handoff-script';

const RIGHTS = [
  'Azure RBAC: Owner of the subscription, or Contributor and User Access Administrator (it registers resource providers, makes the resource group, defines two custom roles and assigns them).',
  'Microsoft Entra ID: the right to register applications (Application Developer, or Application Administrator, Cloud Application Administrator, Global Administrator).',
];

export async function azureHandoff(
  http: AzureHttp,
  config: AzureSetupConfig,
  options: { setupId: string; signal?: AbortSignal; now?: () => Date; generator?: string },
): Promise<Handoff> {
  const observed = await observe(http, config, options.signal ? { signal: options.signal } : {});
  const plan = computePlan(observed, config, { setupId: options.setupId });
  const blocker = plan.blockers[0];
  if (blocker)
    throw new ProvisionError('CONFLICT', `The plan is blocked, so there is nothing to hand off: ${blocker.message}`, {
      ...(blocker.hint ? { hint: blocker.hint } : {}),
    });
  const rows = new Map(plan.rows.map((r) => [r.key, r]));
  const describe = (op: Op) => {
    const row = rows.get(op.key);
    const verb = op.t === 'unassign' || op.t === 'roleDelete' || op.t === 'policyRemove' ? 'remove' : row?.action;
    return `${verb ?? 'write'} ${row?.kind ?? op.t} ${row?.name ?? op.key}${row?.reason ? ` (${row.reason})` : ''}`;
  };
  const where = `${config.resourceGroup} in subscription ${config.subscriptionId}`;
  const who = observed.me.userPrincipalName ?? observed.me.id;
  const date = (options.now?.() ?? new Date()).toISOString();
  const script = renderScript({
    observed,
    ops: plan.ops,
    describe,
    tenantId: config.tenantId,
    subscriptionId: config.subscriptionId,
    resourceGroup: config.resourceGroup,
    header: [
      `DataChain setup ${where} (tenant ${config.tenantId}), for ${who}.`,
      `Made by ${options.generator ?? 'DataChain Cluster Setup'} on ${date}: ${plan.ops.length} steps, each below with what it makes.`,
      'Review it, sign in with az login (rights below), then run: bash setup.sh',
      ...RIGHTS.map((r) => `Needs ${r}`),
      'Every call is az rest with the api-version and body the app itself sends; run it again if it stops.',
    ],
  });
  const notes = [
    `This makes the DataChain setup ${where} (${plan.action === 'create' ? 'new' : 'an update'}): ${plan.ops.length} steps.`,
    'Review setup.sh: every step says what it makes; the role definitions, assignments and federated credentials are written out literally.',
    ...RIGHTS.map((r) => `Run it signed in (az login) with ${r.charAt(0).toLowerCase()}${r.slice(1)}`),
    `Afterwards ${who} signs in to DataChain Cluster Setup: the setup appears under Manage (or \`datachain-setup status --cloud azure\`) and exports like one the app made.`,
  ];
  const readme = [
    `# DataChain setup ${where}, for an admin`,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '```sh',
    'az login',
    'bash setup.sh',
    '```',
    '',
    '## What it makes',
    '',
    ...plan.rows
      .filter((r) => r.action !== 'none')
      .map((r) => `- ${r.action} ${r.kind}: ${r.name}${r.scope ? ` (${r.scope})` : ''}`),
    '',
  ].join('\n');
  return {
    where,
    files: [
      { name: 'setup.sh', content: script, description: 'The az script that makes the setup' },
      { name: 'README.md', content: readme, description: 'What the admin reviews and runs' },
    ],
    command: 'bash setup.sh',
    notes,
  };
}
