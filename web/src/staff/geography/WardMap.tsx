import { useEffect, useId, useMemo, useState } from 'react';
import { api, ApiError, unwrap } from '../../api.ts';
import { formatCount } from './format.ts';
import { layoutWardMap, type WardMapLayout } from './map-data.ts';
import { DISTRICT_BORDER, districtColour, WARD_BORDER } from './palette.ts';

export type MapState = { state: 'loading' } | { state: 'loaded'; topology: unknown } | { state: 'missing' } | { state: 'failed'; message: string };

function summary(layout: WardMapLayout): string {
  const districts = layout.districts.map((district) => `${district.name}, ${formatCount(district.wardCount)} ${district.wardCount === 1 ? 'ward' : 'wards'}`).join('; ');
  return `Map of ${formatCount(layout.wards.length)} wards in ${formatCount(layout.districts.length)} ${layout.districts.length === 1 ? 'district' : 'districts'}, coloured by district: ${districts}. The wards table lists the same wards.`;
}

/**
 * Loads the simplified ward boundaries (TopoJSON) of a vintage, the live one when none is given,
 * for any page that draws the ward map.
 */
export function useWardMap(vintage: string | undefined, importedAt?: string): MapState {
  const [map, setMap] = useState<MapState>({ state: 'loading' });

  useEffect(() => {
    let current = true;
    setMap({ state: 'loading' });
    // `no-cache`: the map is cached for an hour, but a re-import of the same vintage replaces it.
    unwrap(api.api.public.geography.map.$get({ query: vintage ? { vintage } : {} }, { init: { cache: 'no-cache' } })).then(
      (topology) => current && setMap({ state: 'loaded', topology }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 404) setMap({ state: 'missing' });
        else setMap({ state: 'failed', message: error instanceof Error ? error.message : 'The map could not be loaded.' });
      },
    );
    return () => {
      current = false;
    };
    // importedAt: a new import of the same vintage is a new map.
  }, [vintage, importedAt]);

  return map;
}

/**
 * The wards of a boundary vintage on a map, coloured by district. One image for assistive
 * technology (the wards table is its accessible alternative); hovering a ward names it.
 */
export function WardMap({ vintage, importedAt, districtNames, tableId }: { vintage: string; importedAt: string; districtNames: ReadonlyMap<string, string>; tableId: string }) {
  const map = useWardMap(vintage, importedAt);
  const legendId = useId();

  const layout = useMemo(() => {
    if (map.state !== 'loaded') return null;
    try {
      return layoutWardMap(map.topology, districtNames);
    } catch (error) {
      return error instanceof Error ? error : new Error('The map could not be drawn.');
    }
  }, [map, districtNames]);

  if (map.state === 'loading') return <p role="status">Loading the map…</p>;
  if (map.state === 'missing') return <p className="s-muted">There is no map for {vintage}: import the ward boundaries again to make one.</p>;
  if (map.state === 'failed' || layout instanceof Error || !layout) {
    return <p className="s-alert">{map.state === 'failed' ? map.message : layout instanceof Error ? layout.message : 'The map could not be drawn.'}</p>;
  }

  return (
    <div className="g-map">
      <svg className="g-map-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={summary(layout)} data-testid="ward-map">
        <g>
          {layout.wards.map((ward) => {
            const district = layout.districts.find((candidate) => candidate.code === ward.districtCode);
            return (
              <path key={ward.code} className="g-ward" d={ward.d} fill={districtColour(district?.colour ?? 0)} stroke={WARD_BORDER} strokeWidth={1} data-code={ward.code}>
                <title>{`${ward.name}, ${ward.districtName} (${ward.code})`}</title>
              </path>
            );
          })}
        </g>
        <path className="g-district-borders" d={layout.districtBorders} fill="none" stroke={DISTRICT_BORDER} strokeWidth={1.75} strokeLinejoin="round" />
      </svg>
      <div className="g-legend">
        <h3 id={legendId} className="g-legend-title">
          Districts
        </h3>
        <ul aria-labelledby={legendId}>
          {layout.districts.map((district) => (
            <li key={district.code}>
              <svg className="g-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <rect x="0.75" y="0.75" width="14.5" height="14.5" fill={districtColour(district.colour)} stroke={DISTRICT_BORDER} strokeWidth={1.5} />
              </svg>
              <span>
                {district.name} <span className="s-muted">({formatCount(district.wardCount)}&nbsp;{district.wardCount === 1 ? 'ward' : 'wards'})</span>
              </span>
            </li>
          ))}
        </ul>
        <p className="g-map-note s-muted">
          Point at a ward to see its name. Every ward is also in the <a href={`#${tableId}`}>wards table</a>.
        </p>
      </div>
    </div>
  );
}
