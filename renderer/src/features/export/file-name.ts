/** The export's file name without extension: the stack's name, said once (never datachain-datachain-…). */
export function exportBaseName(stackName: string): string {
  return /(^|-)datachain(-|$)/.test(stackName) ? stackName : `datachain-${stackName}`;
}
