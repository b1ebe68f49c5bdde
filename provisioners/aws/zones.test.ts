import { describe, expect, it } from 'vitest';
import { clusterZones } from './zones';

const ec2 = (zones: object[]) => ({ send: async () => ({ AvailabilityZones: zones }) }) as never;

describe('cluster zones', () => {
  it('leaves out Local and Wavelength zones, and preselects only zones EKS accepts', async () => {
    const listing = await clusterZones(
      ec2([
        { ZoneName: 'us-east-1-bos-1a', ZoneId: 'use1-bos1-az1', ZoneType: 'local-zone', State: 'available' },
        {
          ZoneName: 'us-east-1-wl1-bos-wlz-1',
          ZoneId: 'use1-wl1-bos-wlz1',
          ZoneType: 'wavelength-zone',
          State: 'available',
        },
        { ZoneName: 'us-east-1e', ZoneId: 'use1-az3', ZoneType: 'availability-zone', State: 'available' },
        { ZoneName: 'us-east-1a', ZoneId: 'use1-az6', ZoneType: 'availability-zone', State: 'available' },
        { ZoneName: 'us-east-1b', ZoneId: 'use1-az1', ZoneType: 'availability-zone', State: 'impaired' },
      ]),
    );
    expect(listing.skipped).toEqual([
      { name: 'us-east-1-bos-1a', type: 'local-zone' },
      { name: 'us-east-1-wl1-bos-wlz-1', type: 'wavelength-zone' },
    ]);
    expect(listing.zones.map((z) => [z.name, z.selectedByDefault, z.note ?? ''])).toEqual([
      ['us-east-1a', true, ''],
      ['us-east-1b', false, 'Zone is impaired'],
      ['us-east-1e', false, 'EKS does not create clusters in use1-az3'],
    ]);
  });
});
