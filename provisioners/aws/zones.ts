/** Regions enabled for the account, and the zones of a region that can host an EKS cluster. */
import { DescribeAvailabilityZonesCommand, DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { RegionSummary, ZoneListing, ZoneSummary } from './discovery.schema';

/** Availability zone ids where EKS does not place control planes (EKS user guide, network requirements). */
export const EKS_UNSUPPORTED_ZONE_IDS = new Set(['use1-az3', 'usw1-az2', 'cac1-az3']);

export async function enabledRegions(ec2: Pick<EC2Client, 'send'>, signal?: AbortSignal): Promise<RegionSummary[]> {
  const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal: signal });
  return (out.Regions ?? [])
    .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
    .map((r) => ({ name: r.RegionName!, optIn: r.OptInStatus ?? 'opt-in-not-required' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function clusterZones(ec2: Pick<EC2Client, 'send'>, signal?: AbortSignal): Promise<ZoneListing> {
  const out = await ec2.send(new DescribeAvailabilityZonesCommand({}), { abortSignal: signal });
  const zones: ZoneSummary[] = [];
  const skipped: ZoneListing['skipped'] = [];
  for (const zone of out.AvailabilityZones ?? []) {
    if (!zone.ZoneName) continue;
    const type = zone.ZoneType ?? 'availability-zone';
    if (type !== 'availability-zone') {
      skipped.push({ name: zone.ZoneName, type });
      continue;
    }
    const zoneId = zone.ZoneId ?? '';
    const available = (zone.State ?? 'available') === 'available';
    const eksSupported = !EKS_UNSUPPORTED_ZONE_IDS.has(zoneId);
    const note = !available
      ? `Zone is ${zone.State}`
      : !eksSupported
        ? `EKS does not create clusters in ${zoneId}`
        : undefined;
    zones.push({
      name: zone.ZoneName,
      zoneId,
      eksSupported,
      ...(note ? { note } : {}),
      selectedByDefault: available && eksSupported,
    });
  }
  zones.sort((a, b) => a.name.localeCompare(b.name));
  return { zones, skipped };
}
