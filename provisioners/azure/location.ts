/**
 * ARM wants location *names* (`eastus`); people and the Terraform default use display names
 * (`East US`). Compare and send names only.
 */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, '').toLowerCase();
}

export interface AzureLocation {
  name: string;
  displayName: string;
}

/** Resolve a name or display name against the subscription's locations; undefined when unknown. */
export function resolveLocation(input: string, known: readonly AzureLocation[]): AzureLocation | undefined {
  const wanted = normalizeLocation(input);
  return known.find((l) => normalizeLocation(l.name) === wanted || normalizeLocation(l.displayName) === wanted);
}
