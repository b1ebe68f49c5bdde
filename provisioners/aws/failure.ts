/** CloudFormation failure reasons, said plainly, with what to do about them. */

export interface FailedResource {
  logicalId: string;
  resourceType: string;
  status: string;
  reason: string;
}

export interface Explanation {
  message: string;
  hint: string;
}

/** Reasons CloudFormation attaches to resources it merely stopped, not to the cause. */
const COLLATERAL =
  /Resource (creation|update|deletion) cancelled|The following resource\(s\) failed to|cancelled by user|Resource handler returned message: "null"/i;

/** The first real failure, in time order. */
export function firstFailure(failures: FailedResource[]): FailedResource | undefined {
  return failures.find((f) => !COLLATERAL.test(f.reason)) ?? failures[0];
}

export function explainFailure(failure: FailedResource | undefined): Explanation {
  if (!failure) {
    return {
      message: 'CloudFormation stopped without saying which resource failed.',
      hint: 'Open the stack in the CloudFormation console to read its events.',
    };
  }
  const { logicalId, resourceType, reason } = failure;
  const what = `${logicalId} (${resourceType})`;
  const denied =
    /not authorized to perform:? ([\w-]+:[\w*]+)/i.exec(reason) ??
    /AccessDenied.*?([a-z0-9-]+:[A-Za-z*]+)/.exec(reason);
  if (denied) {
    return {
      message: `Your AWS credentials are not allowed to ${denied[1]}, which ${what} needs.`,
      hint: `Ask an administrator to grant ${denied[1]}, or sign in with a profile that has it, then deploy again.`,
    };
  }
  if (/already exists|EntityAlreadyExists|AlreadyExists/i.test(reason)) {
    return {
      message: `${what} could not be created because a resource with the same name already exists: ${reason}`,
      hint: 'Choose a name prefix so this setup uses its own names, or remove the old resource, then plan again.',
    };
  }
  if (/VpcLimitExceeded|maximum number of VPCs|InternetGatewayLimitExceeded|LimitExceeded/i.test(reason)) {
    return {
      message: `${what} hit an AWS quota: ${reason}`,
      hint: 'Remove unused VPCs or internet gateways in this region, or request a quota increase, then deploy again.',
    };
  }
  if (/Rate exceeded|Throttl/i.test(reason)) {
    return { message: `AWS throttled the deployment of ${what}.`, hint: 'Wait a minute and deploy again.' };
  }
  if (/thumbprint|OpenIDConnect|OIDC/i.test(reason)) {
    return {
      message: `The OIDC provider could not be set up: ${reason}`,
      hint: 'Check the issuer in the Studio connection step, then plan again.',
    };
  }
  return { message: `${what} failed: ${reason}`, hint: 'Fix the cause named above, then plan and deploy again.' };
}
