import { FIELD_LIMITS } from '@contract/field-limits';
import { useEffect, useMemo } from 'react';
import { BucketName, bucketNameFrom } from '@contract/clouds/aws';
import { ErrorNotice } from '../components/ErrorNotice';
import { GrantPicker } from '../components/GrantPicker';
import { ScreenHeader } from '../components/ScreenHeader';
import { Spinner } from '../components/Spinner';
import { StepFooter } from '../components/StepFooter';
import { regionFirst, regionName } from '../lib/regions';
import { problemWith } from '../lib/validation';
import { useAppStore } from '../store';
import type { BucketItem } from '../store/discovery';
import { NO_BUCKETS } from '../store/draft';
import { KmsGrant } from './KmsGrant';

const bucketName = (b: { name: string }) => b.name;
const BUCKETS_NOUN = { one: 'bucket', other: 'buckets' };

export function BucketsStep() {
  const buckets = useAppStore((s) => s.buckets);
  const region = useAppStore((s) => s.draft.aws?.region ?? '');
  const selected = useAppStore((s) => s.draft.aws?.buckets ?? NO_BUCKETS);
  const checks = useAppStore((s) => s.bucketChecks);
  const accountId = useAppStore((s) => (s.identity.status === 'ready' ? s.identity.value.accountId : undefined));
  const { loadBuckets, checkBucket, updateAws } = useAppStore.getState();

  useEffect(() => {
    if (buckets.status === 'idle') void loadBuckets();
  }, [buckets.status, loadBuckets]);

  // The cluster's region first: those are the buckets jobs reach fastest (and without transfer costs).
  const items = useMemo(() => regionFirst(buckets.items, region), [buckets.items, region]);

  /** Select a bucket and look at its encryption (a customer KMS key needs a grant too). */
  const add = async (name: string, where?: string) => {
    updateAws((aws) => ({
      buckets: [
        ...(aws.buckets ?? []).filter((b) => b.name !== name),
        { name, ...(where ? { region: where } : {}), grantKms: false },
      ],
    }));
    const check = await checkBucket(name);
    if (check?.kms?.managedBy === 'customer' && check.kms.arn) {
      updateAws((aws) => ({
        buckets: (aws.buckets ?? []).map((b) =>
          b.name === name ? { ...b, kmsKeyArn: check.kms!.arn!, grantKms: true } : b,
        ),
      }));
    }
  };
  const remove = (name: string) =>
    updateAws((aws) => ({ buckets: (aws.buckets ?? []).filter((b) => b.name !== name) }));

  const addTyped = async (typed: string): Promise<string | undefined> => {
    const name = bucketNameFrom(typed);
    if (selected.some((b) => b.name === name)) return `${name} is already granted`;
    const check = await checkBucket(name);
    if (!check) return 'the bucket could not be checked (see the error below)';
    if (!check.exists) return `there is no bucket called ${name}`;
    await add(name, check.region);
    return undefined;
  };

  return (
    <div className="screen">
      <ScreenHeader title="Buckets Studio jobs may use">
        The storage role gets full access (<code>s3:*</code>) to each bucket you choose, and to nothing else. You can
        change this later from the dashboard.
      </ScreenHeader>

      <GrantPicker<BucketItem, (typeof selected)[number]>
        available={{
          label: 'Your buckets',
          title: 'Your buckets',
          items,
          getKey: bucketName,
          getName: bucketName,
          status: buckets.status,
          complete: buckets.complete,
          error: buckets.error,
          onRetry: () => void loadBuckets(),
          noun: BUCKETS_NOUN,
          loadingLabel: 'Listing your buckets…',
          emptyText: 'This account has no buckets yet. Add one by name below if it lives in another account.',
          noMatch: (search) => `No bucket name contains “${search}”.`,
          searchLabel: 'Search buckets',
          searchPlaceholder: 'Type part of a name',
          listLabel: 'Buckets',
          listHeight: 320,
          renderMeta: (b) => <span className="muted">{b.region}</span>,
          onToggle: (b, checked) => (checked ? void add(b.name, b.region) : remove(b.name)),
        }}
        addByName={{
          label: 'Add a bucket by name',
          placeholder: 'my-data-bucket',
          hint: 'For buckets not listed here, for example in another account. A name, an s3:// URI, an ARN or a bucket URL.',
          validate: (v) => problemWith(BucketName, bucketNameFrom(v)),
          maxLength: FIELD_LIMITS.bucketReference,
          onAdd: addTyped,
        }}
        granted={{
          label: 'Granted buckets',
          items: selected,
          getKey: bucketName,
          getName: bucketName,
          emptyText:
            'No buckets yet. Studio jobs will not reach any bucket until you grant one; you can also do it later.',
          renderMeta: (b) => {
            const check = checks[b.name];
            return <span className="muted">{b.region ?? (check?.status === 'ready' ? check.value.region : '')}</span>;
          },
          onRemove: (b) => remove(b.name),
          renderDetails: (b) => {
            const check = checks[b.name];
            const where = b.region ?? (check?.status === 'ready' ? check.value.region : undefined);
            return (
              <>
                {check?.status === 'loading' && <Spinner label="Checking encryption…" />}
                {where && region && where !== region && (
                  <p className="field__warning">
                    In {regionName(where)}, not in {regionName(region)} where the clusters run: jobs reach it more
                    slowly, and AWS bills the traffic between regions.
                  </p>
                )}
                {check?.status === 'ready' && check.value.access === 'elsewhere' && (
                  <p className="field__warning">
                    This bucket belongs to another account: its owner must also allow the storage role in the bucket
                    policy.
                  </p>
                )}
                {b.kmsKeyArn && (
                  <KmsGrant
                    keyArn={b.kmsKeyArn}
                    granted={b.grantKms}
                    what="this bucket"
                    {...(accountId ? { accountId } : {})}
                    onChange={(on) =>
                      updateAws((aws) => ({
                        buckets: (aws.buckets ?? []).map((x) => (x.name === b.name ? { ...x, grantKms: on } : x)),
                      }))
                    }
                  />
                )}
                {check?.status === 'error' && (
                  <ErrorNotice error={check.error} onRetry={() => void checkBucket(b.name)} />
                )}
              </>
            );
          },
        }}
      />

      <StepFooter />
    </div>
  );
}
