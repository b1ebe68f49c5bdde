/**
 * What leaves the app for Studio: a versioned config file (JSON or YAML; schema in
 * docs/schemas/studio-config.v1.schema.json) and a file shaped like `terraform output -json`.
 */
import {
  ec2CapacityOf,
  kmsKeysOf,
  secretReference,
  type AwsSetupConfig,
  type AwsSetupOutputs,
} from '@contract/clouds/aws';
import { subjectFor } from '@contract/domain';
import { checklistLines, studioChecklist, type ChecklistStep } from '../studio/checklist';

/** The outputs Studio's cluster form takes, in the order it asks for them. */
const CLUSTER_OUTPUTS = [
  'datachain_aws_region',
  'datachain_cluster_vpc_id',
  'datachain_cluster_subnet_ids',
  'datachain_cluster_security_group_ids',
  'datachain_cluster_role_arn',
  'datachain_cluster_node_role_arn',
] as const;

/** What to do in Studio with an AWS setup's values (shown after the outputs, and the export's README). */
export function awsStudioChecklist(outputs: AwsSetupOutputs, config: AwsSetupConfig): ChecklistStep[] {
  return studioChecklist({
    team: config.studio.team,
    computeCredentials: config.studio.computeCredentials,
    storageCredentials: config.studio.storageCredentials,
    computeIdentity: `the role ARN in datachain_oidc_compute_role_arn (${outputs.datachain_oidc_compute_role_arn})`,
    storageIdentity: `the role ARN in datachain_oidc_storage_role_arn (${outputs.datachain_oidc_storage_role_arn})`,
    clusterOutputs: CLUSTER_OUTPUTS,
    secretLines: config.secrets.map((s) => secretReference(s.envName, s.arn, s.key)),
  });
}

export const STUDIO_CONFIG_SCHEMA = 'https://datachain.ai/schemas/cluster-setup/studio-config.v1.schema.json';

/**
 * Everything here comes from the deployed setup (its outputs and the record kept with it in the
 * cloud), nothing from the local draft: any computer exports the same file for the same setup.
 */
export interface StudioConfigInput {
  outputs: AwsSetupOutputs;
  config: AwsSetupConfig;
  stackName: string;
  generator: string;
  now?: Date;
}

export function studioConfig(input: StudioConfigInput) {
  const { outputs, config } = input;
  const team = config.studio.team;
  return {
    $schema: STUDIO_CONFIG_SCHEMA,
    version: 1 as const,
    cloud: 'aws' as const,
    generatedAt: (input.now ?? new Date()).toISOString(),
    generator: input.generator,
    readme: [
      'What to do in DataChain Studio with this file, in order:',
      ...checklistLines(awsStudioChecklist(outputs, config)),
    ],
    region: outputs.datachain_aws_region,
    stack: { name: input.stackName, id: outputs.datachain_stack_id },
    studio: {
      issuer: config.studio.issuer,
      team,
      credentials: {
        compute: {
          name: config.studio.computeCredentials,
          subject: subjectFor(team, config.studio.computeCredentials),
          roleArn: outputs.datachain_oidc_compute_role_arn,
        },
        storage: {
          name: config.studio.storageCredentials,
          subject: subjectFor(team, config.studio.storageCredentials),
          roleArn: outputs.datachain_oidc_storage_role_arn,
        },
      },
    },
    outputs,
    storage: {
      buckets: config.buckets.map((b) => b.name),
      secrets: config.secrets.map((s) => ({
        arn: s.arn,
        envName: s.envName,
        key: s.key,
        reference: secretReference(s.envName, s.arn, s.key),
      })),
      kmsKeys: kmsKeysOf(config),
    },
    // Version 1 of the file names capacity as EC2 does.
    nodePools: (config.nodePools ?? []).map(({ capacity, ...pool }) => ({
      ...pool,
      capacityType: ec2CapacityOf(capacity),
    })),
  };
}

export type StudioConfig = ReturnType<typeof studioConfig>;

/** `terraform output -json`: each output with its type and value, none sensitive. */
export function terraformOutputJson(outputs: AwsSetupOutputs): string {
  const shaped = Object.fromEntries(
    Object.entries(outputs).map(([name, value]) => [
      name,
      { sensitive: false, type: Array.isArray(value) ? ['list', 'string'] : 'string', value },
    ]),
  );
  return `${JSON.stringify(shaped, null, 2)}\n`;
}

/**
 * YAML for JSON-shaped data: block mappings and sequences, every string double-quoted (a JSON
 * string is a valid YAML scalar), so no value can be misread as a number, date or boolean.
 */
export function toYaml(value: unknown, indent = 0): string {
  const pad = '  '.repeat(indent);
  const scalar = (v: unknown): string =>
    typeof v === 'string' ? JSON.stringify(v) : v === null || v === undefined ? 'null' : String(v);
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}[]\n`;
    return value
      .map((item) => {
        if (item !== null && typeof item === 'object' && Object.keys(item).length > 0) {
          const nested = toYaml(item, indent + 1);
          return `${pad}- ${nested.slice(pad.length + 2)}`;
        }
        return `${pad}- ${Array.isArray(item) ? '[]' : item !== null && typeof item === 'object' ? '{}' : scalar(item)}\n`;
      })
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return `${pad}{}\n`;
    return entries
      .map(([key, v]) => {
        const k = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
        if (v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0))
          return `${pad}${k}:\n${toYaml(v, indent + 1)}`;
        return `${pad}${k}: ${Array.isArray(v) ? '[]' : v !== null && typeof v === 'object' ? '{}' : scalar(v)}\n`;
      })
      .join('');
  }
  return `${pad}${scalar(value)}\n`;
}
