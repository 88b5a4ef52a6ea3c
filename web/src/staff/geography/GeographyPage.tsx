/**
 * The staff console's Geography page: the live wards on a map and in a table, districts, Impact
 * Areas and NPTs for every staff role, and the import panel for administrators.
 */
import type { AreaKind, StaffPrincipal } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import { useId, useMemo, useState } from 'react';
import type { api} from '../../shared/api.ts';
import { unwrap } from '../../shared/api.ts';
import { useResource } from '../../shared/useResource.ts';
import { useStaffApi } from '../shared/api.tsx';
import { formatCount, formatDateTime, vintageLabel } from './format.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { WardMap } from './WardMap.tsx';
import './geography.css';

type Overview = InferResponseType<typeof api.api.staff.geography.$get, 200>;
type Ward = InferResponseType<typeof api.api.staff.geography.wards.$get, 200>['wards'][number];
type Area = Overview['areas'][number];

const AREA_KINDS: { kind: AreaKind; title: string; none: string }[] = [
  { kind: 'impact-area', title: 'Impact Areas', none: 'No Impact Areas have been imported.' },
  { kind: 'npt', title: 'Neighbourhood Policing Teams', none: 'No Neighbourhood Policing Teams have been imported.' },
];

const ALL = '';

export default function GeographyPage({ principal }: { principal: StaffPrincipal }) {
  const isAdmin = principal.roles.includes('admin');
  const { staff } = useStaffApi();
  const geography = useResource(async (): Promise<{ overview: Overview; wards: Ward[] }> => {
    const [overview, wards] = await Promise.all([unwrap(staff.geography.$get({ query: {} })), unwrap(staff.geography.wards.$get({ query: {} }))]);
    return { overview, wards: wards.wards };
  }, [staff]);
  const data = geography.data;
  const problem = geography.status === 'error' ? (geography.error instanceof Error ? geography.error.message : 'Could not load the geography.') : null;

  const overview = data?.overview;
  const live = overview?.boundarySets.find((set) => set.vintage === overview.currentVintage);

  return (
    <>
      <h1>Geography</h1>
      {live?.demo && (
        <div className="g-demo-banner" data-testid="demo-banner">
          <strong>DEMO geography — not a real force.</strong>{' '}
          {isAdmin ? 'These made-up wards come with the demo. Import your force’s ward boundaries to replace them.' : 'These made-up wards come with the demo until your administrator imports the force’s own.'}
        </div>
      )}
      {problem && (
        <div className="s-alert" role="alert">
          <p>{problem}</p>
          <button type="button" onClick={() => void geography.reload()}>
            Try again
          </button>
        </div>
      )}
      {!data && !problem && <p role="status">Loading the geography…</p>}
      {data && overview && !overview.currentVintage && <EmptyState isAdmin={isAdmin} />}
      {data && overview?.currentVintage && live && <LiveGeography overview={overview} live={live} wards={data.wards} isAdmin={isAdmin} />}
      {data && isAdmin && <ImportPanel currentVintage={overview?.currentVintage ?? null} onImported={geography.reload} />}
    </>
  );
}

function EmptyState({ isAdmin }: { isAdmin: boolean }) {
  return (
    <div className="g-empty" data-testid="geography-empty">
      <h2>No geography yet</h2>
      <p>WardPulse groups every result by ward, so it needs the force’s wards before surveys can be targeted or results mapped.</p>
      {isAdmin ? (
        <p>
          Start with the <strong>ward boundaries</strong>, then the <strong>postcode lookup</strong>, then the <strong>Impact Areas</strong> or{' '}
          <strong>Neighbourhood Policing Teams</strong>: <a href="#import">import them below</a>.
        </p>
      ) : (
        <p>Ask your administrator to import the force’s ward boundaries, postcode lookup and Impact Areas.</p>
      )}
    </div>
  );
}

function LiveGeography({ overview, live, wards, isAdmin }: { overview: Overview; live: Overview['boundarySets'][number]; wards: Ward[]; isAdmin: boolean }) {
  const id = useId();
  const wardsTableId = `${id}-wards`;
  const [district, setDistrict] = useState(ALL);
  const districtNames = useMemo(() => new Map(overview.districts.map((d) => [d.code, d.name])), [overview.districts]);
  const wardsByCode = useMemo(() => new Map(wards.map((ward) => [ward.code, ward])), [wards]);
  const selected = overview.districts.some((d) => d.code === district) ? district : ALL;
  const shown = selected === ALL ? wards : wards.filter((ward) => ward.districtCode === selected);
  const selectedName = districtNames.get(selected);

  return (
    <>
      <section aria-labelledby={`${id}-live`}>
        <h2 id={`${id}-live`}>Live boundaries</h2>
        <dl className="g-summary" data-testid="live-summary">
          <div>
            <dt>Boundary vintage</dt>
            <dd data-testid="live-vintage">
              {vintageLabel(live.vintage)} ({live.vintage})
            </dd>
          </div>
          <div>
            <dt>Wards</dt>
            <dd>{formatCount(live.wardCount)}</dd>
          </div>
          <div>
            <dt>Districts</dt>
            <dd>{formatCount(live.districtCount)}</dd>
          </div>
          <div>
            <dt>Imported</dt>
            <dd>
              {formatDateTime(live.importedAt)} by {live.importedBy}
            </dd>
          </div>
          <div className="g-summary-wide">
            <dt>From</dt>
            <dd className="g-break">{live.source}</dd>
          </div>
        </dl>
        {isAdmin && (
          <p>
            <a href="#import">Import geography</a>
          </p>
        )}
      </section>

      <section aria-labelledby={`${id}-map`}>
        <h2 id={`${id}-map`}>Ward map</h2>
        <WardMap vintage={live.vintage} importedAt={live.importedAt} districtNames={districtNames} tableId={wardsTableId} />
      </section>

      <section aria-labelledby={`${id}-districts`}>
        <h2 id={`${id}-districts`}>Districts</h2>
        <table className="s-table s-stack" data-testid="districts">
          <caption className="s-visually-hidden">Districts of the {live.vintage} boundaries and how many wards each has</caption>
          <thead>
            <tr>
              <th scope="col">District</th>
              <th scope="col">ONS code</th>
              <th scope="col" className="s-numeric">
                Wards
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.districts.map((d) => (
              <tr key={d.code}>
                <th scope="row">{d.name}</th>
                <td data-label="ONS code">{d.code}</td>
                <td className="s-numeric" data-label="Wards">{formatCount(d.wardCount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby={`${id}-ward-list`}>
        <h2 id={`${id}-ward-list`}>Wards</h2>
        <div className="s-field">
          <label htmlFor={`${id}-district`}>Show wards in</label>
          <select id={`${id}-district`} value={selected} onChange={(event) => setDistrict(event.target.value)}>
            <option value={ALL}>All districts ({formatCount(wards.length)} wards)</option>
            {overview.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name} ({formatCount(d.wardCount)} wards)
              </option>
            ))}
          </select>
        </div>
        <p className="s-muted" aria-live="polite" data-testid="ward-count">
          Showing {formatCount(shown.length)} {shown.length === 1 ? 'ward' : 'wards'}
          {selectedName ? ` in ${selectedName}` : ''}.
        </p>
        <table className="s-table s-stack" id={wardsTableId} data-testid="wards">
          <caption className="s-visually-hidden">Wards{selectedName ? ` in ${selectedName}` : ''}, by district and name</caption>
          <thead>
            <tr>
              <th scope="col">Ward</th>
              <th scope="col">ONS code</th>
              <th scope="col">District</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((ward) => (
              <tr key={ward.code}>
                <th scope="row">{ward.name}</th>
                <td data-label="ONS code">{ward.code}</td>
                <td data-label="District">{ward.districtName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {AREA_KINDS.map(({ kind, title, none }) => (
        <AreaList key={kind} title={title} none={none} areas={overview.areas.filter((area) => area.kind === kind)} wardsByCode={wardsByCode} isAdmin={isAdmin} testId={`areas-${kind}`} />
      ))}

      <section aria-labelledby={`${id}-vintages`}>
        <h2 id={`${id}-vintages`}>Imported boundary vintages</h2>
        <table className="s-table s-stack" data-testid="vintages">
          <thead>
            <tr>
              <th scope="col">Vintage</th>
              <th scope="col" className="s-numeric">
                Wards
              </th>
              <th scope="col" className="s-numeric">
                Districts
              </th>
              <th scope="col">From</th>
              <th scope="col">Imported</th>
            </tr>
          </thead>
          <tbody>
            {overview.boundarySets.map((set) => (
              <tr key={set.vintage}>
                <th scope="row">
                  {vintageLabel(set.vintage)} ({set.vintage})
                  {set.vintage === overview.currentVintage && <strong className="g-tag">Live</strong>}
                  {set.demo && <strong className="g-tag g-tag-demo">Demo</strong>}
                </th>
                <td className="s-numeric" data-label="Wards">{formatCount(set.wardCount)}</td>
                <td className="s-numeric" data-label="Districts">{formatCount(set.districtCount)}</td>
                <td className="g-break" data-label="From">{set.source}</td>
                <td data-label="Imported">
                  {formatDateTime(set.importedAt)} by {set.importedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function AreaList({ title, none, areas, wardsByCode, isAdmin, testId }: { title: string; none: string; areas: Area[]; wardsByCode: ReadonlyMap<string, Ward>; isAdmin: boolean; testId: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>
        {title} <span className="s-muted">({formatCount(areas.length)})</span>
      </h2>
      {areas.length === 0 ? (
        <p className="s-muted">
          {none} {isAdmin ? 'Import a CSV of area_name,ward_code below.' : 'Your administrator can import them.'}
        </p>
      ) : (
        <table className="s-table s-stack">
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col" className="s-numeric">
                Wards
              </th>
              <th scope="col">Ward names</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => (
              <tr key={area.id}>
                <th scope="row">{area.name}</th>
                <td className="s-numeric" data-label="Wards">{formatCount(area.wardCodes.length)}</td>
                <td data-label="Ward names">
                  <AreaWards codes={area.wardCodes} wardsByCode={wardsByCode} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Ward names, alphabetical; codes missing from the live boundaries are flagged once, not ward by ward. */
function AreaWards({ codes, wardsByCode }: { codes: readonly string[]; wardsByCode: ReadonlyMap<string, Ward> }) {
  const names = codes.flatMap((code) => wardsByCode.get(code)?.name ?? []).sort((a, b) => a.localeCompare(b));
  const missing = codes.filter((code) => !wardsByCode.has(code));
  const warning =
    missing.length === 0
      ? ''
      : `${missing.length === codes.length ? 'None of its wards are' : missing.length === 1 ? '1 ward is not' : `${formatCount(missing.length)} wards are not`} in the live boundaries (${missing.join(', ')}): import the areas again.`;
  return (
    <>
      {names.join(', ')}
      {warning && <span className="g-missing">{`${names.length > 0 ? ' ' : ''}${warning}`}</span>}
    </>
  );
}
