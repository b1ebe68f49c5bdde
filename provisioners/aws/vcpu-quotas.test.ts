import { describe, expect, it } from 'vitest';
import { familyGroup } from './vcpu-quotas';

describe('vCPU quota groups', () => {
  it.each([
    ['m6i.large', 'Standard'],
    ['c7gn.xlarge', 'Standard'],
    ['im4gn.large', 'Standard'],
    ['t3.micro', 'Standard'],
    ['g5.xlarge', 'G and VT'],
    ['gr6.4xlarge', 'G and VT'],
    ['vt1.3xlarge', 'G and VT'],
    ['p5.48xlarge', 'P'],
    ['inf2.xlarge', 'Inf'],
    ['trn1.2xlarge', 'Trn'],
    ['dl1.24xlarge', 'DL'],
    ['x2idn.16xlarge', 'X'],
    ['f1.2xlarge', 'F'],
    ['mac1.metal', undefined],
    ['u-6tb1.metal', undefined],
    ['hpc6a.48xlarge', undefined],
  ])('%s → %s', (type, group) => {
    expect(familyGroup(type)).toBe(group);
  });
});
