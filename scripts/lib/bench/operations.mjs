// Plan, deploy and teardown of one AWS setup through the loopback host, against the bare
// CloudFormation calls on the same template (what a script using the SDK directly would do), on
// the same moto, through the same counting proxy: time, AWS calls and the longest run of calls
// made one after another, per operation.
import { longestChain } from '../counting-proxy.mjs';
import { hostSession, startHost } from './host.mjs';

const {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} = await import('@aws-sdk/client-cloudformation');
const { DeleteOpenIDConnectProviderCommand, IAMClient, ListOpenIDConnectProvidersCommand } =
  await import('@aws-sdk/client-iam');

/**
 * @typedef {{ ms: number, calls: number, chain: number }} OpFigure
 * @typedef {{ plan: OpFigure, deploy: OpFigure, teardown: OpFigure }} RunFigures
 */

/**
 * @param {{ root: string, env: Record<string, string>, region: string, runs: number,
 *   proxy: Awaited<ReturnType<typeof import('../counting-proxy.mjs').startCountingProxy>>,
 *   clientConfig: Record<string, unknown> }} options
 */
export async function benchOperations({ root, env, region, runs, proxy, clientConfig }) {
  const config = {
    region,
    zones: [`${region}a`, `${region}b`],
    studio: { team: 'bench', issuer: 'issuer.bench.example/api' },
    namePrefix: 'bench',
    // Given, so no plan fetches them from an issuer this bench does not run.
    oidcThumbprints: ['0123456789abcdef0123456789abcdef01234567'],
  };
  const stackName = 'bench-datachain-cluster';
  const cfn = new CloudFormationClient({ ...clientConfig, endpoint: proxy.url });
  const host = await startHost(root, { ...env, AWS_ENDPOINT_URL: proxy.url });
  const { call, follow } = await hostSession(host.ready);
  const trace = Boolean(process.env.BENCH_TRACE);
  /** @param {() => Promise<unknown>} fn @param {string} label @returns {Promise<OpFigure>} */
  const measured = async (fn, label) => {
    proxy.reset();
    const started = performance.now();
    await fn();
    const ms = performance.now() - started;
    if (trace) {
      // BENCH_TRACE: every AWS call of the operation in the order they started, ms from the first.
      const calls = [...proxy.calls].sort((a, b) => a.start - b.start);
      const t0 = calls[0]?.start ?? 0;
      console.log(`${label}: ${ms.toFixed(1)} ms, ${calls.length} calls, chain ${longestChain(calls)}`);
      for (const c of calls)
        console.log(
          `  ${(c.start - t0).toFixed(1).padStart(7)} → ${(c.end - t0).toFixed(1).padStart(7)}  ${c.service} ${c.action}`,
        );
    }
    return { ms, calls: proxy.calls.length, chain: longestChain(proxy.calls) };
  };
  /** @type {string | undefined} */
  let template;
  // The stack keeps the OIDC provider it made; both teardowns remove it (timed). Any left over
  // (a run that failed half-way) is removed between runs, not timed, so every run creates one.
  const iam = new IAMClient(clientConfig);
  const iamThroughProxy = new IAMClient({ ...clientConfig, endpoint: proxy.url });
  const noProvider = async () => {
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    for (const { Arn } of listed.OpenIDConnectProviderList ?? [])
      if (Arn?.endsWith(`/${config.studio.issuer}`))
        await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }));
  };

  try {
    // Warm-up, not counted: the session's clients, and moto's first use of the region.
    const { accountId } = await call('aws.whoami', {});
    const warm = await call('setup.plan', { cloud: 'aws', config });
    await call('setup.discardPlan', { planId: warm.planId });

    /** @returns {Promise<RunFigures>} */
    const throughHost = async () => {
      /** @type {any} */ let plan;
      const planned = await measured(
        async () => (plan = await call('setup.plan', { cloud: 'aws', config })),
        'host plan',
      );
      if (plan.kind !== 'changes') throw new Error(`the bench's plan has no changes: ${JSON.stringify(plan)}`);
      const deployed = await measured(
        async () => follow((await call('setup.deploy', { planId: plan.planId })).operationId),
        'host deploy',
      );
      template ??= (await cfn.send(new GetTemplateCommand({ StackName: stackName }))).TemplateBody;
      const tornDown = await measured(
        async () => follow((await call('setup.teardown', { target: { cloud: 'aws', region, stackName } })).operationId),
        'host teardown',
      );
      return { plan: planned, deploy: deployed, teardown: tornDown };
    };

    /**
     * The same template with the SDK alone: a change set, its execution, the stack deleted
     * (waiters at 1–5 s), then the OIDC provider the stack kept (RetainExceptOnCreate), so both
     * teardowns end with the same account: what the app's teardown does after the stack.
     */
    const bare = async () => {
      const wait = { client: cfn, minDelay: 1, maxDelay: 5, maxWaitTime: 300 };
      /** @type {{ Id?: string, StackId?: string }} */ let created = {};
      const planned = await measured(async () => {
        created = await cfn.send(
          new CreateChangeSetCommand({
            StackName: stackName,
            ChangeSetName: `bench-${Date.now()}`,
            ChangeSetType: 'CREATE',
            TemplateBody: template,
            Capabilities: ['CAPABILITY_NAMED_IAM'],
          }),
        );
        await waitUntilChangeSetCreateComplete(wait, { ChangeSetName: created.Id, StackName: created.StackId });
      }, 'bare plan');
      const deployed = await measured(async () => {
        await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id, StackName: created.StackId }));
        await waitUntilStackCreateComplete(wait, { StackName: created.StackId });
      }, 'bare deploy');
      const tornDown = await measured(async () => {
        await cfn.send(new DeleteStackCommand({ StackName: created.StackId }));
        await waitUntilStackDeleteComplete(wait, { StackName: created.StackId });
        await iamThroughProxy.send(
          new DeleteOpenIDConnectProviderCommand({
            OpenIDConnectProviderArn: `arn:aws:iam::${accountId}:oidc-provider/${config.studio.issuer}`,
          }),
        );
      }, 'bare teardown');
      return { plan: planned, deploy: deployed, teardown: tornDown };
    };

    /** @type {RunFigures[]} */ const hostRuns = [];
    /** @type {RunFigures[]} */ const bareRuns = [];
    for (let i = 0; i < runs; i++) {
      await noProvider();
      hostRuns.push(await throughHost());
      await noProvider();
      bareRuns.push(await bare());
    }
    return { host: hostRuns, bare: bareRuns, peakKb: host.peakKb() };
  } finally {
    await host.stop();
    cfn.destroy();
    iam.destroy();
    iamThroughProxy.destroy();
  }
}
