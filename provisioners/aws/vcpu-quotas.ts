/**
 * EC2 On-Demand and Spot vCPU quotas by instance family group (Service Quotas, service `ec2`).
 * Codes cross-checked against AWS documentation and public code bases.
 */
export type FamilyGroup = 'Standard' | 'G and VT' | 'P' | 'Inf' | 'Trn' | 'F' | 'X' | 'DL';

export const VCPU_QUOTA_CODES: Record<FamilyGroup, { onDemand: string; spot: string; families: string }> = {
  Standard: { onDemand: 'L-1216C47A', spot: 'L-34B43A08', families: 'A, C, D, H, I, M, R, T, Z' },
  'G and VT': { onDemand: 'L-DB2E81BA', spot: 'L-3819A6DF', families: 'G, VT' },
  P: { onDemand: 'L-417A185B', spot: 'L-7212CCBC', families: 'P' },
  Inf: { onDemand: 'L-1945791B', spot: 'L-B5D1601B', families: 'Inf' },
  Trn: { onDemand: 'L-2C3B7624', spot: 'L-5480EFD2', families: 'Trn' },
  F: { onDemand: 'L-74FC7D96', spot: 'L-88CF9481', families: 'F' },
  X: { onDemand: 'L-7295265B', spot: 'L-E3A00192', families: 'X' },
  DL: { onDemand: 'L-6E869C2A', spot: 'L-85EED4F7', families: 'DL' },
};

/** The quota group of an instance type (m6i.large → Standard, g5.xlarge → G and VT), if any. */
export function familyGroup(instanceType: string): FamilyGroup | undefined {
  const letters = /^[a-z]+/.exec(instanceType)?.[0] ?? '';
  if (letters.startsWith('inf')) return 'Inf';
  if (letters.startsWith('trn')) return 'Trn';
  if (letters.startsWith('dl')) return 'DL';
  if (letters.startsWith('vt') || letters.startsWith('gr') || letters === 'g') return 'G and VT';
  if (['hpc', 'mac', 'u'].some((p) => letters.startsWith(p))) return undefined;
  switch (letters[0]) {
    case 'p':
      return 'P';
    case 'f':
      return 'F';
    case 'x':
      return 'X';
    case 'a':
    case 'c':
    case 'd':
    case 'h':
    case 'i':
    case 'm':
    case 'r':
    case 't':
    case 'z':
      return 'Standard';
    default:
      return undefined;
  }
}
