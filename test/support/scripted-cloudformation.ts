/**
 * A scripted CloudFormation for behaviours an emulator cannot show: asynchronous stacks, stack
 * events, throttling, cancellation. Each DescribeStacks call moves the script one step on.
 * Responses follow the API's shapes (the SDK command names, fields and error names); each event
 * carries the ClientRequestToken of the operation that made it, as in AWS.
 */
import type { StackEvent } from '@aws-sdk/client-cloudformation';

export interface Step {
  status: string;
  /** Events that happen at this step, oldest first. */
  events?: { logicalId: string; type?: string; status: string; reason?: string }[];
}

export interface ScriptOptions {
  /** Called for these command names at these 1-based call counts: answer with throttling. */
  throttle?: Record<string, number[]>;
  /** What happens after DeleteStack / CancelUpdateStack. */
  onDelete?: Step[];
  onCancelUpdate?: Step[] | 'too-late';
  outputs?: Record<string, string>;
}

const STACK_ID = 'arn:aws:cloudformation:eu-north-1:111122223333:stack/datachain-cluster/abc';

export class ScriptedCloudFormation {
  readonly calls: string[] = [];
  private script: Step[];
  private tick = 0;
  private readonly events: StackEvent[] = [];
  private readonly counts = new Map<string, number>();
  private executed = false;
  /** The ClientRequestToken of the stack operation running now. */
  private token: string | undefined;

  constructor(
    script: Step[],
    private readonly options: ScriptOptions = {},
  ) {
    this.script = script;
  }

  private get current(): Step {
    return this.script[Math.min(this.tick, this.script.length - 1)]!;
  }

  private record(step: Step): void {
    for (const e of step.events ?? []) {
      this.events.unshift({
        EventId: `e${this.events.length + 1}`,
        StackId: STACK_ID,
        StackName: 'datachain-cluster',
        LogicalResourceId: e.logicalId,
        ResourceType: e.type ?? (e.logicalId === 'datachain-cluster' ? 'AWS::CloudFormation::Stack' : 'AWS::EC2::VPC'),
        ResourceStatus: e.status as never,
        ...(e.reason ? { ResourceStatusReason: e.reason } : {}),
        ...(this.token ? { ClientRequestToken: this.token } : {}),
        Timestamp: new Date(),
      });
    }
  }

  private switchTo(steps: Step[]): void {
    this.script = steps;
    this.tick = 0;
    this.record(steps[0]!);
  }

  async send(command: { constructor: { name: string }; input: unknown }): Promise<unknown> {
    const name = command.constructor.name.replace(/Command$/, '');
    const asked = (command.input as { ClientRequestToken?: string } | undefined)?.ClientRequestToken;
    this.calls.push(name);
    const count = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, count);
    if (this.options.throttle?.[name]?.includes(count)) {
      const error = new Error('Rate exceeded');
      error.name = 'Throttling';
      Object.assign(error, { $metadata: { httpStatusCode: 400 } });
      throw error;
    }
    switch (name) {
      case 'ExecuteChangeSet':
        this.executed = true;
        this.token = asked;
        this.record(this.script[0]!);
        return {};
      case 'DescribeStacks': {
        const step = this.current;
        if (this.executed && this.tick < this.script.length - 1) {
          this.tick += 1;
          this.record(this.current);
        }
        return {
          Stacks: [
            {
              StackId: STACK_ID,
              StackName: 'datachain-cluster',
              StackStatus: step.status,
              Outputs: Object.entries(this.options.outputs ?? {}).map(([OutputKey, OutputValue]) => ({
                OutputKey,
                OutputValue,
              })),
            },
          ],
        };
      }
      case 'DescribeStackEvents':
        return { StackEvents: [...this.events] };
      case 'ListStackResources':
        return { StackResourceSummaries: [] };
      case 'DeleteStack':
        this.token = asked;
        this.switchTo(this.options.onDelete ?? [{ status: 'DELETE_IN_PROGRESS' }, { status: 'DELETE_COMPLETE' }]);
        return {};
      case 'CancelUpdateStack': {
        const plan = this.options.onCancelUpdate;
        if (plan === 'too-late' || !plan) {
          const error = new Error('CancelUpdateStack cannot be called from current stack status');
          error.name = 'ValidationError';
          throw error;
        }
        this.token = asked;
        this.switchTo(plan);
        return {};
      }
      default:
        throw new Error(`The scripted CloudFormation does not answer ${name}`);
    }
  }
}

export const SCRIPTED_STACK_ID = STACK_ID;

export const FULL_OUTPUTS = {
  Region: 'eu-north-1',
  ComputeRoleArn: 'arn:aws:iam::111122223333:role/datachain-oidc-compute',
  StorageRoleArn: 'arn:aws:iam::111122223333:role/datachain-oidc-storage',
  ClusterRoleArn: 'arn:aws:iam::111122223333:role/datachain-cluster',
  NodeRoleArn: 'arn:aws:iam::111122223333:role/datachain-cluster-node',
  PodRoleArn: 'arn:aws:iam::111122223333:role/datachain-cluster-pod',
  VpcId: 'vpc-1',
  SubnetIds: 'subnet-a,subnet-b',
  SecurityGroupIds: 'sg-1',
  OidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/studio.datachain.ai/api',
};
