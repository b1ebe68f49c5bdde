import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from './DataTable';
import { countLabel, filterByQuery, lowercaseNames } from './grant-picker';
import { GrantedList, GrantPicker } from './GrantPicker';

interface Row {
  id: string;
  status: string;
}
const columns: Column<Row>[] = [
  { key: 'id', header: 'Resource', className: 'mono', cell: (r) => r.id },
  {
    key: 'status',
    header: 'Status',
    cell: (r) => createElement('span', { className: `status status--${r.status}` }, r.status),
  },
  {
    key: 'open',
    header: 'Open',
    headerHidden: true,
    className: (r) => (r.status === 'failed' ? 'muted' : undefined),
    cell: (r) => createElement('button', { type: 'button' }, `Open ${r.id}`),
  },
];
const table = (rows: Row[], extra: Record<string, unknown> = {}) =>
  renderToStaticMarkup(
    createElement(DataTable<Row>, { columns, rows, rowKey: (r) => r.id, label: 'Resources', ...extra }),
  );

describe('DataTable', () => {
  it('renders the table the stylesheet and the e2e tests know', () => {
    const html = table([
      { id: 'Vpc', status: 'complete' },
      { id: 'Subnet', status: 'failed' },
    ]);
    expect(html).toMatch(
      /^<table class="table" aria-label="Resources"><thead><tr><th scope="col">Resource<\/th><th scope="col">Status<\/th>/,
    );
    expect(html).toContain('<th scope="col"><span class="visually-hidden">Open</span></th>');
    expect(html).toContain(
      '<tr><td class="mono">Vpc</td><td><span class="status status--complete">complete</span></td><td><button type="button">Open Vpc</button></td></tr>',
    );
    expect(html).toContain('<td class="muted"><button type="button">Open Subnet</button></td>');
  });

  it('says so when there are no rows, if asked to', () => {
    expect(table([], { empty: 'Nothing yet' })).toContain(
      '<tbody><tr><td colSpan="3" class="table__empty muted">Nothing yet</td></tr></tbody>',
    );
    expect(table([])).toContain('<tbody></tbody>');
  });

  it('shows a caption', () => {
    expect(table([], { caption: 'What changes', label: undefined })).toContain(
      '<table class="table"><caption class="table__caption">What changes</caption>',
    );
  });
});

describe('the grant picker’s helpers', () => {
  const names = ['prod-data', 'Prod/DB-url', 'logs'];
  it('filters by a part of the name, ignoring case and spaces around the query', () => {
    expect(filterByQuery(names, ' prod ', (n) => n)).toEqual(['prod-data', 'Prod/DB-url']);
    expect(filterByQuery(names, 'DB', (n) => n)).toEqual(['Prod/DB-url']);
    expect(filterByQuery(names, 'nothing', (n) => n)).toEqual([]);
    expect(filterByQuery(names, '  ', (n) => n)).toBe(names);
  });

  it('lowercases a listing’s names once per listing and name, not per keystroke', () => {
    const items = [{ name: 'Prod-Data', region: 'EU' }];
    const byName = (i: { name: string }) => i.name;
    const byRegion = (i: { region: string }) => i.region;
    const first = lowercaseNames(items, byName);
    expect(first).toEqual(['prod-data']);
    expect(lowercaseNames(items, byName)).toBe(first);
    expect(lowercaseNames(items, byRegion)).toEqual(['eu']);
    // A new listing (the next page arrived) is lowercased afresh.
    const more = [...items, { name: 'Logs', region: 'US' }];
    expect(filterByQuery(more, 'LOG', byName)).toEqual([more[1]]);
  });

  it('counts what is listed, and says when more is coming', () => {
    const noun = { one: 'bucket', other: 'buckets' };
    expect(countLabel(0, noun, { loading: true, complete: false })).toBe('Loading…');
    expect(countLabel(1, noun, { loading: false, complete: true })).toBe('1 bucket');
    expect(countLabel(1234, noun, { loading: true, complete: false })).toBe(
      `${(1234).toLocaleString()} buckets, loading more…`,
    );
  });
});

describe('GrantPicker', () => {
  interface Bucket {
    name: string;
    region: string;
  }
  const picker = (granted: Bucket[]) =>
    renderToStaticMarkup(
      createElement(GrantPicker<Bucket, Bucket>, {
        available: {
          label: 'Your buckets',
          title: 'Your buckets',
          items: [{ name: 'a-data', region: 'eu-north-1' }],
          getKey: (b) => b.name,
          getName: (b) => b.name,
          status: 'ready',
          complete: true,
          noun: { one: 'bucket', other: 'buckets' },
          loadingLabel: 'Listing your buckets…',
          emptyText: 'No buckets.',
          searchLabel: 'Search buckets',
          listLabel: 'Buckets',
          listHeight: 320,
          onToggle: () => undefined,
        },
        addByName: {
          label: 'Add a bucket by name',
          placeholder: 'my-data-bucket',
          maxLength: 2048,
          validate: () => undefined,
          onAdd: () => undefined,
        },
        granted: {
          label: 'Granted buckets',
          items: granted,
          getKey: (b) => b.name,
          getName: (b) => b.name,
          renderMeta: (b) => createElement('span', { className: 'muted' }, b.region),
          emptyText: 'No buckets yet.',
          onRemove: () => undefined,
          renderDetails: (b) => createElement('p', { className: 'detail' }, `details of ${b.name}`),
        },
      }),
    );

  it('lists what is available with a checkbox each, checked when granted', () => {
    const none = picker([]);
    expect(none).toContain(
      '<section class="card" aria-label="Your buckets"><div class="card__head"><h2>Your buckets</h2><span class="muted" aria-live="polite">1 bucket</span></div>',
    );
    expect(none).toMatch(
      /<label class="list-row"><input type="checkbox"\/><span class="mono list-row__name">a-data<\/span><\/label>/,
    );
    expect(picker([{ name: 'a-data', region: 'eu-north-1' }])).toMatch(
      /<input type="checkbox" checked=""\/><span class="mono list-row__name">a-data/,
    );
    expect(none).toContain('class="inline-form"');
    expect(none).toContain('placeholder="my-data-bucket"');
  });

  it('shows the granted items with a remove button named for each, and their details', () => {
    const html = picker([{ name: 'a-data', region: 'eu-north-1' }]);
    expect(html).toContain(
      '<section class="card" aria-label="Granted buckets"><div class="card__head"><h2>Granted</h2><span class="muted">1</span></div><ul class="granted">',
    );
    expect(html).toContain(
      '<div class="granted__head"><span class="mono">a-data</span><span class="muted">eu-north-1</span><button type="button" class="link-button" aria-label="Remove a-data">Remove</button></div><p class="detail">details of a-data</p>',
    );
    expect(picker([])).toContain('<p class="muted">No buckets yet.</p>');
  });

  it('names the revoke button as manage asks', () => {
    const html = renderToStaticMarkup(
      createElement(GrantedList<string>, {
        items: ['arn:aws:secretsmanager:eu-north-1:1:secret:db-AbCdEf'],
        getKey: (a) => a,
        getName: (a) => a,
        nameClassName: 'mono small',
        removeLabel: 'Revoke',
        removeAriaLabel: () => 'Revoke db',
        removeDisabled: true,
        emptyText: 'No secrets granted.',
        onRemove: () => undefined,
      }),
    );
    expect(html).toContain(
      '<span class="mono small">arn:aws:secretsmanager:eu-north-1:1:secret:db-AbCdEf</span><button type="button" class="link-button" disabled="" aria-label="Revoke db">Revoke</button>',
    );
  });
});
