import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { SelectField } from '../components/Field';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { regionName } from '../lib/regions';
import { useAppStore } from '../store';
import { NO_STRINGS } from '../store/draft';
import { NodePoolsSection } from './NodePoolsSection';
import './RegionStep.css';

export function RegionStep() {
  const regions = useAppStore((s) => s.regions);
  const region = useAppStore((s) => s.draft.aws?.region ?? '');
  const zones = useAppStore((s) => s.draft.aws?.zones ?? NO_STRINGS);
  const profilesStatus = useAppStore((s) => s.profiles.status);
  // The chosen profile's region; for the default credentials, the region the default chain uses.
  const profileRegion = useAppStore((s) => {
    const listing = s.profiles.status === 'ready' ? s.profiles.value : undefined;
    const profile = s.draft.aws?.profile ?? '';
    return profile ? listing?.profiles.find((p) => p.name === profile)?.region : listing?.defaultRegion;
  });
  const listing = useAppStore((s) => (region ? s.zones[region] : undefined));
  const { loadRegions, loadZones, loadProfiles, updateAws } = useAppStore.getState();

  useEffect(() => {
    if (regions.status === 'idle') void loadRegions();
  }, [regions.status, loadRegions]);
  useEffect(() => {
    if (profilesStatus === 'idle') void loadProfiles();
  }, [profilesStatus, loadProfiles]);

  // Default: the profile's region when it is enabled, else Stockholm (the Terraform's default).
  useEffect(() => {
    if (region || regions.status !== 'ready' || profilesStatus === 'idle' || profilesStatus === 'loading') return;
    const names = regions.value.map((r) => r.name);
    const pick = [profileRegion, 'eu-north-1', names[0]].find((n): n is string => !!n && names.includes(n));
    if (pick) updateAws({ region: pick });
  }, [region, regions, profileRegion, profilesStatus, updateAws]);

  useEffect(() => {
    if (region && !listing) void loadZones(region);
  }, [region, listing, loadZones]);

  // Preselect the zones EKS accepts when the region's zones arrive and none are chosen.
  useEffect(() => {
    if (listing?.status !== 'ready') return;
    const valid = new Set(listing.value.zones.map((z) => z.name));
    if (zones.length === 0 || zones.some((z) => !valid.has(z))) {
      updateAws({ zones: listing.value.zones.filter((z) => z.selectedByDefault).map((z) => z.name) });
    }
  }, [listing, zones, updateAws]);

  const toggle = (zone: string, on: boolean) =>
    updateAws({ zones: on ? [...zones, zone].sort() : zones.filter((z) => z !== zone) });

  return (
    <div className="screen">
      <ScreenHeader title="Where clusters run">
        The network and the clusters Studio creates live in one region
        {profileRegion ? ` (the default comes from your AWS settings: ${profileRegion})` : ''}. Each chosen zone gets a
        public subnet; EKS needs at least two. The defaults below suit most teams.
      </ScreenHeader>

      {regions.status === 'loading' && <Spinner label="Reading the regions enabled for your account…" />}
      {regions.status === 'error' && <ErrorNotice error={regions.error} onRetry={() => void loadRegions()} />}
      {regions.status === 'ready' && (
        <SelectField
          label="Region"
          value={region}
          onChange={(value) => updateAws({ region: value, zones: [] })}
          options={regions.value.map((r) => ({ value: r.name, label: regionName(r.name) }))}
          hint="Only regions enabled for your account are listed."
        />
      )}

      {listing?.status === 'loading' && <Spinner label="Reading the availability zones…" />}
      {listing?.status === 'error' && <ErrorNotice error={listing.error} onRetry={() => void loadZones(region)} />}
      {listing?.status === 'ready' && (
        <fieldset className="zone-list">
          <legend>Availability zones</legend>
          {listing.value.zones.map((zone) => (
            <label key={zone.name} className={`zone${zone.eksSupported ? '' : ' zone--unsupported'}`}>
              <input
                type="checkbox"
                checked={zones.includes(zone.name)}
                disabled={!zone.eksSupported && !zones.includes(zone.name)}
                onChange={(e) => toggle(zone.name, e.target.checked)}
              />
              <span className="mono">{zone.name}</span>
              <span className="muted">{zone.zoneId}</span>
              {zone.note && <span className="zone__note">{zone.note}</span>}
            </label>
          ))}
          {listing.value.skipped.length > 0 && (
            <p className="muted">
              Not offered: {listing.value.skipped.map((z) => `${z.name} (${z.type})`).join(', ')} — EKS clusters cannot
              use Local or Wavelength zones.
            </p>
          )}
        </fieldset>
      )}

      <NodePoolsSection />

      <StepFooter />
    </div>
  );
}
