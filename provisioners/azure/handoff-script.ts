/**
 * The plan's writes as a bash script of `az` calls an admin reviews and runs with their own
 * rights: the same requests, api-versions and bodies the app's deploy sends (so the result is the
 * setup the app would have made, with its record in the resource group's tags, and is adopted
 * as one), each step commented with what it makes and why. `az rest` is used throughout: the
 * unique names, deterministic role GUIDs and create-if-missing upserts the setup relies on have
 * no dedicated `az` command. Idempotent where Azure allows: upserts, PUTs, and creates that
 * tolerate "already exists"; a run that stopped can be run again.
 */
import { ASSIGNMENT_DESCRIPTION, FIC_DESCRIPTION, PURPOSES, type Purpose } from './naming';
import type { Op } from './plan';
import { roleBody } from './plan';
import { API } from './shapes';
import type { Observed } from './state';

/** A value in single quotes: nothing inside is expanded. */
export function sq(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A literal inside a double-quoted word (beside $VARIABLES): refused if bash could expand it. */
function lit(value: string): string {
  if (/["$`\\!\n]/.test(value)) throw new Error(`unsafe literal for the hand-off script: ${value.slice(0, 60)}`);
  return value;
}

const ARM = 'https://management.azure.com';
const GRAPH = 'https://graph.microsoft.com/v1.0';
const VAR: Record<Purpose, { app: string; appId: string; sp: string }> = {
  compute: { app: 'COMPUTE_APP_OBJECT_ID', appId: 'COMPUTE_CLIENT_ID', sp: 'COMPUTE_SP_ID' },
  storage: { app: 'STORAGE_APP_OBJECT_ID', appId: 'STORAGE_CLIENT_ID', sp: 'STORAGE_SP_ID' },
};

/** JSON in double quotes with $VARIABLES in it (only GUID-valued variables are put there). */
function jsonWithVars(value: unknown, vars: Record<string, string>): string {
  let text = JSON.stringify(value);
  lit(text.replace(/"/g, ''));
  text = text.replace(/"/g, '\\"');
  for (const [placeholder, name] of Object.entries(vars)) text = text.replaceAll(placeholder, `\${${name}}`);
  return `"${text}"`;
}

const HELPERS = String.raw`
err_file=$(mktemp)
trap 'rm -f "$err_file"' EXIT

# call [--tolerate REGEX] <az rest arguments>: retried while Azure replicates a new object
# (bounded), an answer matching REGEX (an "already exists") counts as done, anything else stops.
call() {
  local tolerate='' out attempt=0
  if [ "$1" = --tolerate ]; then tolerate=$2; shift 2; fi
  while :; do
    if out=$(az rest --only-show-errors "$@" 2>"$err_file"); then
      printf '%s\n' "$out"
      return 0
    fi
    if [ -n "$tolerate" ] && grep -Eq "$tolerate" "$err_file"; then return 0; fi
    if ! grep -Eq 'NoBackingApplicationObject|PrincipalNotFound|Request_ResourceNotFound|RoleDefinitionDoesNotExist|InvalidRoleDefinitionId' "$err_file" ||
      [ "$attempt" -ge 30 ]; then
      cat "$err_file" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    echo "  waiting for Azure to replicate a new object (attempt $attempt of 30)" >&2
    sleep 10
  done
}

# A random GUID for a new role assignment's name (any name will do: the setup finds it by role and scope).
new_guid() {
  local h
  h=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s-%s-4%s-%x%s-%s\n' "\${h:0:8}" "\${h:8:4}" "\${h:13:3}" $(((0x\${h:16:1} & 3) | 8)) "\${h:17:3}" "\${h:20:12}"
}
`.replace(/\\\$\{/g, '${');

function renderOp(op: Op, o: Observed, sub: string): string[] {
  const p = 'purpose' in op ? op.purpose : undefined;
  const v = p ? VAR[p] : undefined;
  switch (op.t) {
    case 'register': {
      const url = `${ARM}/subscriptions/${lit(sub)}/providers/${lit(op.ns)}`;
      return [
        `call --method post --url "${url}/register?api-version=${API.resources}" >/dev/null`,
        `for _ in $(seq 1 60); do`,
        `  [ "$(call --method get --url "${url}?api-version=${API.resources}" --query registrationState -o tsv)" = Registered ] && break`,
        `  echo '  waiting for Azure to register ${lit(op.ns)}' >&2`,
        `  sleep 10`,
        `done`,
      ];
    }
    case 'rg':
      return [
        `call --method put --url "${ARM}/subscriptions/${lit(sub)}/resourcegroups/${lit(encodeURIComponent(op.key.split(':')[1]!))}?api-version=${API.resources}" \\`,
        `  --body ${sq(JSON.stringify({ location: op.location, tags: op.tags }))} >/dev/null`,
      ];
    case 'restore':
      return [
        `read -r ${v!.app} ${v!.appId} < <(call --method post --url "${GRAPH}/directory/deletedItems/${lit(op.deletedId)}/restore" --query "join(' ', [id, appId])" -o tsv)`,
      ];
    case 'app':
      if (op.mode === 'patch')
        return [
          `call --method patch --url "${GRAPH}/applications/\${${v!.app}}" --body ${sq(JSON.stringify(op.body))} >/dev/null`,
        ];
      return [
        `call --method patch --url "${GRAPH}/applications(uniqueName='${lit(encodeURIComponent(o.names.uniqueName[op.purpose]))}')" \\`,
        `  --headers Prefer=create-if-missing --body ${sq(JSON.stringify(op.body))} >/dev/null`,
        `read -r ${v!.app} ${v!.appId} < <(call --method get --url "${GRAPH}/applications(uniqueName='${lit(encodeURIComponent(o.names.uniqueName[op.purpose]))}')" --query "join(' ', [id, appId])" -o tsv)`,
      ];
    case 'fic':
      return [
        `call --method patch --url "${GRAPH}/applications/\${${v!.app}}/federatedIdentityCredentials(name='${lit(encodeURIComponent(op.fic.name))}')" \\`,
        `  --headers Prefer=create-if-missing --body ${sq(
          JSON.stringify({
            name: op.fic.name,
            issuer: op.fic.issuer,
            subject: op.fic.subject,
            audiences: op.fic.audiences,
            description: FIC_DESCRIPTION,
          }),
        )} >/dev/null`,
      ];
    case 'sp':
      return [
        `${v!.sp}=$(call --tolerate 'Request_MultipleObjectsWithSameKeyValue|already exists' --method post --url "${GRAPH}/servicePrincipals" \\`,
        `  --body ${jsonWithVars({ appId: '@APPID@' }, { '@APPID@': v!.appId })} --query id -o tsv)`,
        `[ -n "\${${v!.sp}}" ] || ${v!.sp}=$(call --method get --url "${GRAPH}/servicePrincipals(appId='\${${v!.appId}}')" --query id -o tsv)`,
      ];
    case 'owner':
      return [
        `call --tolerate 'already exist' --method post --url "${GRAPH}/servicePrincipals/\${${v!.sp}}/owners/\\$ref" \\`,
        `  --body ${sq(JSON.stringify({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${o.me.id}` }))} >/dev/null`,
      ];
    case 'role':
      return [
        `call --method put --url "${ARM}${lit(op.role.scope)}/providers/Microsoft.Authorization/roleDefinitions/${lit(op.role.guid)}?api-version=${API.authorization}" \\`,
        `  --body ${sq(JSON.stringify(roleBody(op.role)))} >/dev/null`,
      ];
    case 'roleDelete':
      return [
        `call --tolerate 'RoleDefinitionDoesNotExist|ResourceNotFound' --method delete --url "${ARM}${lit(op.scope)}/providers/Microsoft.Authorization/roleDefinitions/${lit(op.guid)}?api-version=${API.authorization}" >/dev/null`,
      ];
    case 'assign': {
      const sp = VAR[op.want.principal].sp;
      return [
        `call --tolerate RoleAssignmentExists --method put --url "${ARM}${lit(op.want.scope)}/providers/Microsoft.Authorization/roleAssignments/$(new_guid)?api-version=${API.authorization}" \\`,
        `  --body ${jsonWithVars(
          {
            properties: {
              roleDefinitionId: op.want.roleDefinitionId,
              principalId: '@SP@',
              principalType: 'ServicePrincipal',
              description: ASSIGNMENT_DESCRIPTION,
            },
          },
          { '@SP@': sp },
        )} >/dev/null`,
      ];
    }
    case 'unassign':
      return [
        `call --tolerate 'RoleAssignmentNotFound|ResourceNotFound' --method delete --url "${ARM}${lit(op.id)}?api-version=${API.authorization}" >/dev/null`,
      ];
    case 'policyAdd':
    case 'policyRemove': {
      const body = {
        properties: {
          accessPolicies: [
            {
              tenantId: op.tenantId,
              objectId: op.t === 'policyAdd' ? '@SP@' : op.objectId,
              permissions: { secrets: ['get', 'list'] },
            },
          ],
        },
      };
      return [
        `call --method put --url "${ARM}${lit(op.vaultId)}/accessPolicies/${op.t === 'policyAdd' ? 'add' : 'remove'}?api-version=${API.keyVault}" \\`,
        `  --body ${jsonWithVars(body, { '@SP@': VAR.storage.sp })} >/dev/null`,
      ];
    }
  }
}

export interface ScriptInput {
  observed: Observed;
  ops: Op[];
  /** One line per op key: what the step makes (the plan's row). */
  describe(op: Op): string;
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  header: string[];
}

/** The bash script. Existing apps and principals are known now; new ones are read as the script makes them. */
export function renderScript(input: ScriptInput): string {
  const { observed: o, ops } = input;
  const known: string[] = [];
  for (const p of PURPOSES) {
    const s = o.apps[p];
    if (s.app) known.push(`${VAR[p].app}=${sq(s.app.id)}`, `${VAR[p].appId}=${sq(s.app.appId)}`);
    if (s.sp) known.push(`${VAR[p].sp}=${sq(s.sp.id)}`);
  }
  const steps = ops.flatMap((op, i) => [
    '',
    `# ${i + 1}/${ops.length}: ${input.describe(op).replace(/\n/g, ' ')}`,
    `echo ${sq(`${i + 1}/${ops.length} ${input.describe(op)}`)} >&2`,
    ...renderOp(op, o, input.subscriptionId),
  ]);
  return [
    '#!/usr/bin/env bash',
    ...input.header.map((h) => `# ${h}`),
    'set -euo pipefail',
    '',
    `TENANT=${sq(input.tenantId)}`,
    `SUBSCRIPTION=${sq(input.subscriptionId)}`,
    '',
    '# Work in the subscription this was made for, signed in to its tenant (az login first).',
    'az account set --subscription "$SUBSCRIPTION"',
    'if [ "$(az account show --query tenantId -o tsv)" != "$TENANT" ]; then',
    `  echo "This script is for tenant $TENANT; az is signed in to another one (az login --tenant $TENANT)." >&2`,
    '  exit 1',
    'fi',
    HELPERS,
    ...(known.length ? ['# What exists already (read when the script was made).', ...known] : []),
    ...(ops.length ? steps : ['', "echo 'Nothing to do: the setup is already as planned.' >&2"]),
    '',
    `echo ${sq(`Done: ${input.resourceGroup} is set up. The person who asked can now sign in to DataChain Cluster Setup; the setup appears under Manage.`)} >&2`,
    '',
  ].join('\n');
}
