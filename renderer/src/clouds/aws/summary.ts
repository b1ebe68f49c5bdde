/**
 * The Review summary of an AWS plan, in plain words: the data the cloud-neutral SummaryCard
 * shows. Pure (no React, no store), so it is unit-tested against plans directly.
 */
import type { AwsIdentity, AwsPlanView, AwsSetupConfig } from '@contract/clouds/aws';
import { secretNameOf } from '@contract/clouds/aws';
import { subjectsOf } from '@contract/domain';
import { studioFacts, type SetupSummaryData, type SummaryGrant } from '../../components/SummaryCard';
import { regionName } from '../../lib/regions';

/** What the user knows about a granted bucket beyond the config: where it is, whether it is readable. */
export interface BucketFacts {
  region?: string | undefined;
  /** 'elsewhere': it exists but these credentials may not read it (another account's, most likely). */
  access?: 'yours' | 'elsewhere' | 'none' | undefined;
}

/** Resource types counted by kind, as a person names them (one and many). */
const KINDS: Record<string, [string, string]> = {
  'AWS::EC2::VPC': ['network (VPC)', 'networks (VPC)'],
  'AWS::EC2::Subnet': ['public subnet', 'public subnets'],
  'AWS::EC2::InternetGateway': ['internet gateway', 'internet gateways'],
  'AWS::EC2::RouteTable': ['route table', 'route tables'],
  'AWS::EC2::SecurityGroup': ['security group', 'security groups'],
  'AWS::IAM::Role': ['IAM role', 'IAM roles'],
  'AWS::IAM::OIDCProvider': ['OIDC provider (Studio’s sign-in)', 'OIDC providers'],
  'AWS::IAM::Policy': ['IAM policy', 'IAM policies'],
  'AWS::IAM::ManagedPolicy': ['IAM policy', 'IAM policies'],
  'AWS::IAM::InstanceProfile': ['instance profile', 'instance profiles'],
};
/** Wiring that is not a thing a person counts (attachments and associations). */
const WIRING = /Attachment|Association|Route$|Ingress|Egress/;

/** "3 IAM roles, 2 public subnets…" for the rows a plan adds; changes and removals counted apart. */
export function countByKind(rows: AwsPlanView['rows']): string[] {
  const added = new Map<string, number>();
  for (const row of rows) {
    if (row.action !== 'Add' || WIRING.test(row.resourceType)) continue;
    added.set(row.resourceType, (added.get(row.resourceType) ?? 0) + 1);
  }
  const lines = [...added].map(([type, n]) => {
    const [one, many] = KINDS[type] ?? [type.split('::').pop()!, `${type.split('::').pop()!}s`];
    return `${n} ${n === 1 ? one : many}`;
  });
  const changed = rows.filter((r) => r.action === 'Modify' || r.action === 'Dynamic').length;
  const removed = rows.filter((r) => r.action === 'Remove').length;
  if (changed) lines.push(`${changed} existing ${changed === 1 ? 'resource' : 'resources'} changed`);
  if (removed) lines.push(`${removed} ${removed === 1 ? 'resource' : 'resources'} removed`);
  return lines.length ? lines : ['Nothing new'];
}

/** The account and region in an ARN (arn:partition:service:region:account:…). */
function arnParts(arn: string): { region: string; account: string } {
  const [, , , region = '', account = ''] = arn.split(':');
  return { region, account };
}

function grantsOf(
  config: AwsSetupConfig,
  accountId: string | undefined,
  buckets: Record<string, BucketFacts>,
): SummaryGrant[] {
  const region = config.region;
  const otherRegion = (where: string | undefined) =>
    where && where !== region
      ? `In ${regionName(where)}, not ${regionName(region)}: traffic between regions is slower and billed.`
      : undefined;
  const otherAccount = (owner: string | undefined, what: string) =>
    owner && accountId && owner !== accountId
      ? `In account ${owner}: its owner must also allow the storage role in the ${what}.`
      : undefined;
  const keyWarning = (keyArn: string | undefined) => otherAccount(keyArn && arnParts(keyArn).account, "key's policy");
  const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ') || undefined;
  return [
    ...config.buckets.map((b): SummaryGrant => {
      const facts = buckets[b.name] ?? {};
      const warning = join(
        otherRegion(facts.region),
        facts.access === 'elsewhere'
          ? 'These credentials may not read it (another account’s?): its owner must also allow the storage role in the bucket policy.'
          : undefined,
        keyWarning(b.kmsKeyArn),
      );
      return {
        kind: 'Bucket',
        name: b.name,
        access: 'read and write',
        ...(b.kmsKeyArn ? { detail: 'with its KMS key' } : {}),
        ...(warning ? { warning } : {}),
      };
    }),
    ...config.secrets.map((s): SummaryGrant => {
      const where = arnParts(s.arn);
      const warning = join(otherRegion(where.region), otherAccount(where.account, "secret's resource policy"));
      return {
        kind: 'Secret',
        name: secretNameOf(s.arn),
        access: 'read',
        detail: `as ${s.envName}${s.key ? ` (JSON key ${s.key})` : ' (the whole value)'}`,
        ...(warning ? { warning } : {}),
      };
    }),
  ];
}

export function awsSetupSummary(input: {
  plan: AwsPlanView;
  config: AwsSetupConfig;
  identity: AwsIdentity | undefined;
  buckets: Record<string, BucketFacts>;
}): SetupSummaryData {
  const { plan, config, identity } = input;
  const subjects = subjectsOf(config.studio);
  const account = identity
    ? `${identity.accountId}${identity.accountAlias ? ` (${identity.accountAlias})` : ''}`
    : 'the signed-in account';
  const outside = plan.outsideStack;
  return {
    who: studioFacts(config.studio),
    where: [
      { label: 'Account', value: account },
      { label: 'Region', value: regionName(config.region) },
      { label: 'Zones', value: config.zones.join(', '), mono: true },
      { label: 'Stack', value: plan.stackName, mono: true },
    ],
    grants: grantsOf(config, identity?.accountId, input.buckets),
    creates: countByKind(plan.rows),
    cost: 'Nothing by itself: networks, subnets, gateways, security groups, IAM roles and the OIDC provider are free. You pay for the EKS clusters and nodes Studio creates later, while jobs run.',
    will: [
      `${plan.action === 'update' ? 'Update' : 'Create'} the CloudFormation stack ${plan.stackName} in ${config.region}, and nothing outside it${outside.length ? ' but what is listed under “Outside the stack”' : ''}.`,
      `Let Studio team ${config.studio.team} assume two roles, only with tokens for ${subjects.compute} and ${subjects.storage}.`,
      config.buckets.length + config.secrets.length
        ? `Let Studio jobs use ${[
            config.buckets.length && `${config.buckets.length} ${config.buckets.length === 1 ? 'bucket' : 'buckets'}`,
            config.secrets.length && `${config.secrets.length} ${config.secrets.length === 1 ? 'secret' : 'secrets'}`,
          ]
            .filter(Boolean)
            .join(' and ')}, and nothing else of yours.`
        : 'Give Studio jobs no bucket or secret yet.',
    ],
    willNot: [
      'Start a cluster or any machine: Studio does that later, when it needs one.',
      'Read a secret’s value, or change your buckets, secrets or keys.',
      'Keep your AWS credentials anywhere but where they already are.',
    ],
  };
}
