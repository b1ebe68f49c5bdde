import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useMemo } from 'react';
import { BucketName, bucketNameFrom, type AwsSetupConfig } from '@contract/clouds/aws';
import { AddByName, AvailableList, GrantedList } from '../../components/GrantPicker';
import { regionFirst } from '../../lib/regions';
import { problemWith } from '../../lib/validation';
import { useAppStore } from '../../store';
import type { BucketItem } from '../../store/discovery';
import type { GrantCardProps } from './change';

const bucketName = (b: { name: string }) => b.name;
const BUCKETS_NOUN = { one: 'bucket', other: 'buckets' };

/** The setup's buckets: revoke one, or grant one from the account's list or by name (each only plans). */
export function BucketGrants({ config, busy, propose }: GrantCardProps<AwsSetupConfig>) {
  const { checkBucket, loadBuckets } = useAppStore.getState();
  const listing = useAppStore((s) => s.buckets);
  // The setup's region first, as in the wizard.
  const items = useMemo(() => regionFirst(listing.items, config.region), [listing.items, config.region]);
  useEffect(() => {
    if (listing.status === 'idle') void loadBuckets();
  }, [listing.status, loadBuckets]);

  const grant = async (typed: string): Promise<string | undefined> => {
    const name = bucketNameFrom(typed);
    if (config.buckets.some((b) => b.name === name)) return `${name} is already granted`;
    const check = await checkBucket(name);
    if (!check) return 'the bucket could not be checked';
    if (!check.exists) return `there is no bucket called ${name}`;
    const kmsKeyArn = check.kms?.managedBy === 'customer' && check.kms.arn ? check.kms.arn : undefined;
    await propose(`Grant the bucket ${name}`, {
      ...config,
      buckets: [...config.buckets, { name, ...(kmsKeyArn ? { kmsKeyArn } : {}) }],
    });
    return undefined;
  };

  return (
    <section className="card" aria-label="Granted buckets">
      <h2>Buckets</h2>
      <GrantedList
        items={config.buckets}
        getKey={(b) => b.name}
        getName={(b) => b.name}
        renderMeta={(b) => (b.kmsKeyArn ? <span className="badge badge--warn">KMS key</span> : null)}
        emptyText="No buckets granted."
        removeLabel="Revoke"
        removeDisabled={busy}
        onRemove={(b) =>
          void propose(
            `Revoke the bucket ${b.name}`,
            { ...config, buckets: config.buckets.filter((x) => x.name !== b.name) },
            { buckets: [b.name] },
          )
        }
      />
      <AvailableList<BucketItem>
        label="Your buckets"
        title="Grant another bucket"
        items={items}
        getKey={bucketName}
        getName={bucketName}
        status={listing.status}
        complete={listing.complete}
        error={listing.error}
        onRetry={() => void loadBuckets()}
        noun={BUCKETS_NOUN}
        loadingLabel="Listing your buckets…"
        emptyText="This account has no buckets; grant one of another account by name."
        noMatch={(search) => `No bucket name contains “${search}”.`}
        searchLabel="Search your buckets"
        searchPlaceholder="Type part of a name"
        listLabel="Buckets to grant"
        listHeight={216}
        renderMeta={(b) => <span className="muted">{b.region}</span>}
        granted={config.buckets.map((b) => b.name)}
        pick={{
          label: 'Grant',
          ariaLabel: (b) => `Plan granting ${b.name}`,
          disabled: busy,
          onPick: (b) => void grant(b.name),
        }}
      >
        <AddByName
          label="Grant a bucket"
          placeholder="bucket-name"
          submitLabel="Plan the grant"
          disabled={busy}
          validate={(v) => problemWith(BucketName, bucketNameFrom(v))}
          maxLength={FIELD_LIMITS.bucketReference}
          onAdd={grant}
        />
      </AvailableList>
    </section>
  );
}
