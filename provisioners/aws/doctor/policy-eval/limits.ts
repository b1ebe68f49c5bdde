/**
 * Bounds on everything the evaluator reads. IAM's own limits are far below these (an inline role
 * policy is at most 10,240 characters, a trust policy 4,096, an ARN 2,048), so a real policy always
 * fits; anything larger is refused before it is looked at, and no input can make matching slow.
 */
export const LIMITS = {
  /** Characters of a whole policy document, as JSON. */
  policyChars: 65_536,
  statements: 500,
  /** Values in one Action, Resource, Principal or condition key. */
  valuesPerElement: 1_000,
  conditionOperators: 50,
  conditionKeys: 100,
  /** Characters of one action, ARN, pattern, condition key or value. */
  stringChars: 4_096,
  /** Values of one multi-valued context key in a request. */
  contextValues: 1_000,
  contextKeys: 200,
} as const;
