/**
 * Display names of Azure locations, as the portal shows them ("East US" for eastus). The
 * subscription's own listing (azure.locations.list) is used when it has been read; this table
 * covers the public regions for screens shown before it (the dashboard on a new computer).
 * Unknown names show as they are.
 */
const NAMES: Record<string, string> = {
  eastus: 'East US',
  eastus2: 'East US 2',
  centralus: 'Central US',
  northcentralus: 'North Central US',
  southcentralus: 'South Central US',
  westcentralus: 'West Central US',
  westus: 'West US',
  westus2: 'West US 2',
  westus3: 'West US 3',
  canadacentral: 'Canada Central',
  canadaeast: 'Canada East',
  brazilsouth: 'Brazil South',
  brazilsoutheast: 'Brazil Southeast',
  mexicocentral: 'Mexico Central',
  northeurope: 'North Europe',
  westeurope: 'West Europe',
  uksouth: 'UK South',
  ukwest: 'UK West',
  francecentral: 'France Central',
  francesouth: 'France South',
  germanywestcentral: 'Germany West Central',
  germanynorth: 'Germany North',
  switzerlandnorth: 'Switzerland North',
  switzerlandwest: 'Switzerland West',
  norwayeast: 'Norway East',
  norwaywest: 'Norway West',
  swedencentral: 'Sweden Central',
  polandcentral: 'Poland Central',
  italynorth: 'Italy North',
  spaincentral: 'Spain Central',
  eastasia: 'East Asia',
  southeastasia: 'Southeast Asia',
  japaneast: 'Japan East',
  japanwest: 'Japan West',
  koreacentral: 'Korea Central',
  koreasouth: 'Korea South',
  australiaeast: 'Australia East',
  australiasoutheast: 'Australia Southeast',
  australiacentral: 'Australia Central',
  australiacentral2: 'Australia Central 2',
  centralindia: 'Central India',
  southindia: 'South India',
  westindia: 'West India',
  uaenorth: 'UAE North',
  uaecentral: 'UAE Central',
  southafricanorth: 'South Africa North',
  southafricawest: 'South Africa West',
  qatarcentral: 'Qatar Central',
  israelcentral: 'Israel Central',
  newzealandnorth: 'New Zealand North',
};

/** The display name of a location: from the subscription's listing when given, else the table. */
export function azureLocationName(name: string, listed: readonly { name: string; displayName: string }[] = []): string {
  const key = name.toLowerCase();
  return listed.find((l) => l.name === key)?.displayName ?? NAMES[key] ?? name;
}
