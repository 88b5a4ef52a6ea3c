import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { api, ApiError, unwrap } from '../../shared/api.ts';
import { formatCount } from './format.ts';
import { layoutWardMap, type MapWard, type WardMapLayout } from './map-data.ts';
import { DISTRICT_BORDER, districtColour, WARD_BORDER } from './palette.ts';
import { WardLabels, WardTooltip } from './WardLabels.tsx';

export type MapState = { state: 'loading' } | { state: 'loaded'; topology: unknown } | { state: 'missing' } | { state: 'failed'; message: string };

function summary(layout: WardMapLayout): string {
  const districts = layout.districts.map((district) => `${district.name}, ${formatCount(district.wardCount)} ${district.wardCount === 1 ? 'ward' : 'wards'}`).join('; ');
  return `Map of ${formatCount(layout.wards.length)} wards in ${formatCount(layout.districts.length)} ${layout.districts.length === 1 ? 'district' : 'districts'}, coloured by district: ${districts}. The wards table lists the same wards.`;
}

const wardText = (ward: MapWard) => `${ward.name}, ${ward.districtName} (${ward.code})`;
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

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
 * The wards of a boundary vintage on a map, coloured by district, with the names of the wards
 * that have room for them. Pointing at a ward, or tabbing to the map and moving with the arrow
 * keys, names it on the map and below it; the wards table lists the same wards.
 */
export function WardMap({ vintage, importedAt, districtNames, tableId }: { vintage: string; importedAt: string; districtNames: ReadonlyMap<string, string>; tableId: string }) {
  const map = useWardMap(vintage, importedAt);
  const legendId = useId();
  const helpId = useId();
  const [active, setActive] = useState<string | null>(null);
  const [focusable, setFocusable] = useState<string | null>(null);

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

  const wards = layout.wards;
  const current = wards.find((ward) => ward.code === active);
  const tabStop = wards.some((ward) => ward.code === focusable) ? focusable : (wards[0]?.code ?? null);
  const onKeyDown = (event: KeyboardEvent<SVGPathElement>, index: number) => {
    let next = index;
    if (NEXT_KEYS.has(event.key)) next = (index + 1) % wards.length;
    else if (PREVIOUS_KEYS.has(event.key)) next = (index - 1 + wards.length) % wards.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = wards.length - 1;
    else if (event.key === 'Escape') return setActive(null);
    else return;
    event.preventDefault();
    const code = wards[next]!.code;
    setFocusable(code);
    (event.currentTarget.ownerSVGElement?.querySelector(`[data-code="${CSS.escape(code)}"]`) as SVGPathElement | null)?.focus();
  };

  return (
    <div className="g-map">
      <div>
        <svg className="g-map-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={summary(layout)} aria-describedby={helpId} data-testid="ward-map">
          <g onMouseLeave={() => setActive(null)}>
            {wards.map((ward, index) => {
              const district = layout.districts.find((candidate) => candidate.code === ward.districtCode);
              return (
                <path
                  key={ward.code}
                  className="g-ward"
                  d={ward.d}
                  fill={districtColour(district?.colour ?? 0)}
                  stroke={WARD_BORDER}
                  strokeWidth={1}
                  data-code={ward.code}
                  role="img"
                  aria-label={wardText(ward)}
                  tabIndex={ward.code === tabStop ? 0 : -1}
                  onMouseEnter={() => setActive(ward.code)}
                  onFocus={() => {
                    setActive(ward.code);
                    setFocusable(ward.code);
                  }}
                  onBlur={() => setActive(null)}
                  onKeyDown={(event) => onKeyDown(event, index)}
                >
                  <title>{wardText(ward)}</title>
                </path>
              );
            })}
          </g>
          <path className="g-district-borders" d={layout.districtBorders} fill="none" stroke={DISTRICT_BORDER} strokeWidth={1.75} strokeLinejoin="round" pointerEvents="none" />
          <WardLabels wards={wards} />
          {current && (
            <g aria-hidden="true" pointerEvents="none">
              <path d={current.d} fill="none" stroke={DISTRICT_BORDER} strokeWidth={6} strokeLinejoin="round" />
              <path d={current.d} fill="none" stroke="#ffdd00" strokeWidth={3} strokeLinejoin="round" />
              <WardTooltip ward={current} detail={current.districtName} width={layout.width} height={layout.height} />
            </g>
          )}
        </svg>
        <p className="g-map-detail" data-testid="ward-map-detail">
          {current ? wardText(current) : 'Point at a ward, or tab to the map and use the arrow keys, to see its name here.'}
        </p>
      </div>
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
        <p id={helpId} className="g-map-note s-muted">
          Wards with room show their names. Point at a ward, or tab to the map and use the arrow keys, to name any ward. Every ward is also in the <a href={`#${tableId}`}>wards table</a>.
        </p>
      </div>
    </div>
  );
}
