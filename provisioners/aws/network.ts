/**
 * Subnet layout: one public /24 per chosen zone inside 172.18.0.0/16. The third octet comes from
 * the zone's letter (a → 0, b → 1, …), so a zone's subnet never moves when zones are added or
 * removed, and the common case (zones a, b, c) matches the Terraform's 172.18.0.0/24, .1, .2.
 */
export const VPC_CIDR = '172.18.0.0/16';

export function zoneLetter(zone: string): string {
  const letter = zone.at(-1) ?? '';
  if (!/^[a-z]$/.test(letter)) throw new Error(`${zone} does not end with a zone letter`);
  return letter;
}

export function subnetCidr(zone: string): string {
  const index = zoneLetter(zone).charCodeAt(0) - 'a'.charCodeAt(0);
  return `172.18.${index}.0/24`;
}

/** CloudFormation logical id of a zone's subnet: also stable per zone. */
export function subnetLogicalId(zone: string): string {
  return `Subnet${zoneLetter(zone).toUpperCase()}`;
}

export function subnetAssociationLogicalId(zone: string): string {
  return `${subnetLogicalId(zone)}RouteTableAssociation`;
}
