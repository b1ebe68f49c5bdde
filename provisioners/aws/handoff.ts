/**
 * The admin hand-off: for a user who may not deploy, everything an admin needs to make the setup
 * with their own rights — the exact CloudFormation template (it carries the setup's record, so
 * the result is adopted like a setup the app made), its stack parameters and tags, and a ready
 * `aws cloudformation deploy` command; a console quick-create link when the template is hosted.
 */
import type { Handoff, HandoffFile } from '../core/checks.schema';
import { OIDC_AUDIENCE } from './iam-policies';
import { partitionOf, type AwsSetupConfig } from './schema';
import { renderTemplate, stackTags, TEMPLATE_BODY_LIMIT } from './template';

export interface HandoffInput {
  /** The config as it will deploy (the reused provider, or the thumbprints of the one to create). */
  config: AwsSetupConfig;
  accountId: string;
  stackName: string;
  action: 'create' | 'update';
  /** A reused OIDC provider that lacks Studio's audience (added outside the stack). */
  addAudienceTo?: string;
  /** Where the admin will host template.json (an https URL), for the console link. */
  templateUrl?: string;
}

/** A word for a POSIX shell, single-quoted unless it is plainly safe. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function consoleUrl(region: string, stackName: string, templateUrl: string): string | undefined {
  if (partitionOf(region) !== 'aws' || !/^https:\/\/[^\s]+$/.test(templateUrl)) return undefined;
  const query = new URLSearchParams({ templateURL: templateUrl, stackName });
  return `https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/quickcreate?${query.toString()}`;
}

export function handoffBundle(input: HandoffInput): Handoff {
  const { config, stackName } = input;
  const rendered = renderTemplate(config, { accountId: input.accountId });
  const pretty = `${JSON.stringify(rendered.template, null, 2)}\n`;
  // The admin reviews it: indented when CloudFormation still accepts that size.
  const template = new TextEncoder().encode(pretty).length <= TEMPLATE_BODY_LIMIT ? pretty : rendered.body;
  const tags = stackTags(config);
  const parameters = {
    StackName: stackName,
    Region: config.region,
    Capabilities: ['CAPABILITY_NAMED_IAM'],
    // Every value is literal in the template, so the template is exactly what was reviewed.
    Parameters: [],
    Tags: tags,
  };
  const audience = input.addAudienceTo
    ? `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${shellWord(input.addAudienceTo)} --client-id ${OIDC_AUDIENCE}\n`
    : '';
  const command = [
    'aws cloudformation deploy',
    `--region ${config.region}`,
    `--stack-name ${shellWord(stackName)}`,
    '--template-file template.json',
    '--capabilities CAPABILITY_NAMED_IAM',
    '--no-fail-on-empty-changeset',
    `--tags ${tags.map((t) => shellWord(`${t.Key}=${t.Value}`)).join(' ')}`,
  ].join(' \\\n  ');
  const url = input.templateUrl ? consoleUrl(config.region, stackName, input.templateUrl) : undefined;
  const notes = [
    `This ${input.action === 'create' ? 'creates' : 'updates'} the CloudFormation stack ${stackName} in ${config.region} (account ${input.accountId}).`,
    "Review template.json: it holds every IAM document literally (trust of Studio's OIDC tokens, the compute and storage permissions).",
    'Run deploy.sh (or the command) with AWS credentials that may create IAM roles, an OIDC provider, a VPC and CloudFormation stacks.',
    ...(input.addAudienceTo
      ? [`It first adds the audience ${OIDC_AUDIENCE} to the existing OIDC provider ${input.addAudienceTo}.`]
      : []),
    ...(url
      ? [
          "Or host template.json at the URL given and open the console link; add the tags from parameters.json on the console's Tags step.",
        ]
      : []),
    'Afterwards the person who asked signs in to DataChain Cluster Setup: the setup appears under Manage (or `datachain-setup status`) and exports like one the app made.',
  ];
  const readme = [
    `# DataChain setup ${stackName} for an admin`,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '```sh',
    `${audience}${command}`,
    '```',
    ...(url ? ['', `Console quick-create link (after hosting template.json at ${input.templateUrl}):`, '', url] : []),
    '',
  ].join('\n');
  const files: HandoffFile[] = [
    { name: 'template.json', content: template, description: "The CloudFormation template, with the setup's record" },
    {
      name: 'parameters.json',
      content: `${JSON.stringify(parameters, null, 2)}\n`,
      description: 'Stack name, region, capabilities and tags',
    },
    {
      name: 'deploy.sh',
      content: `#!/bin/sh\n# Run in the folder of template.json.\nset -eu\n${audience}${command}\n`,
      description: 'The ready command',
    },
    { name: 'README.md', content: readme, description: 'What the admin reviews and runs' },
  ];
  return {
    where: `${stackName} in ${config.region}`,
    files,
    command: `${audience}${command}`,
    ...(url ? { consoleUrl: url } : {}),
    notes,
  };
}
