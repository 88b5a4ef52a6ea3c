import type { QuestionResult, ResultLevel, ResultUnit, SurveyResults } from '@wardpulse/domain';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { layoutWardMap, type MapWard } from '../geography/map-data.ts';
import { DISTRICT_BORDER, WARD_BORDER } from '../geography/palette.ts';
import { useWardMap } from '../geography/WardMap.tsx';
import { WardLabels, WardTooltip } from '../geography/WardLabels.tsx';
import { HATCH_INK, NO_RESPONSES, NOT_COVERED, shareBins, type Bin } from './bins.ts';
import { describeShare, formatCount, formatShare, LEVEL_LABELS, vintageText, withheldText } from './format.ts';
import { countFills, fillColour, svgId, unitsForWard, wardFill, type AreaWards, type WardFill } from './map-units.ts';
import { measureCell, measureLabel } from './measures.ts';

interface DrawnWard {
  ward: MapWard;
  unit: ResultUnit | undefined;
  fill: WardFill;
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/** What a ward's figure says, for its tooltip, its accessible name and the details box. */
function wardText(drawn: DrawnWard, level: ResultLevel, threshold: number): string {
  const where = level === 'ward' || !drawn.unit ? '' : ` (${LEVEL_LABELS[level].singular.toLowerCase()}: ${drawn.unit.name})`;
  const figure =
    drawn.fill.kind === 'shown'
      ? `${describeShare(drawn.fill.cell, threshold)}, of ${formatCount(drawn.fill.cell.n)} who answered`
      : drawn.fill.kind === 'withheld'
        ? withheldText(drawn.fill.cell.reason, threshold)
        : drawn.fill.kind === 'empty'
          ? 'No responses'
          : level === 'area'
            ? 'Not in an Impact Area or neighbourhood team'
            : 'Not in this view';
  return `${drawn.ward.name}${where}: ${figure}`;
}

/** The figure in a few words, for the caption on the map itself. */
function shortFigure(drawn: DrawnWard, level: ResultLevel): string {
  if (drawn.fill.kind === 'shown') return `${formatShare(drawn.fill.cell.share)} of ${formatCount(drawn.fill.cell.n)}`;
  if (drawn.fill.kind === 'withheld') return 'Withheld';
  if (drawn.fill.kind === 'empty') return 'No responses';
  return level === 'area' ? 'Not in an area' : 'Not in this view';
}

/**
 * The ward choropleth: each ward coloured by the chosen share (its own, or its district's or
 * area's), withheld wards hatched and wards without responses grey, with a legend of both. Wards
 * with room are labelled with their names; hovering or focusing any ward shows its name and
 * figure on the map and below it. The table beside it holds the same figures.
 */
export function ResultsMap({
  results,
  question,
  measure,
  areas,
  districtNames,
  vintage,
  tableId,
}: {
  results: SurveyResults;
  question: QuestionResult;
  measure: string;
  areas: readonly AreaWards[];
  districtNames: ReadonlyMap<string, string>;
  vintage: string | undefined;
  tableId: string;
}) {
  const map = useWardMap(vintage);
  const uid = svgId(useId());
  const patternId = `${uid}-withheld`;
  const legendId = `${uid}-legend`;
  const helpId = `${uid}-help`;
  const [active, setActive] = useState<string | null>(null);
  const [focusable, setFocusable] = useState<string | null>(null);
  const threshold = results.disclosure.threshold;
  const level = results.level;

  const units = useMemo(() => new Map(results.units.map((unit) => [unit.code, unit])), [results.units]);
  const bins = useMemo<Bin[]>(
    () =>
      shareBins(
        results.units.flatMap((unit) => {
          const cell = measureCell(question.units[unit.code], measure);
          return unit.code !== 'none' && unit.respondents.status === 'shown' && cell?.status === 'shown' ? [cell.share] : [];
        }),
      ),
    [results.units, question, measure],
  );
  // Within a district or area, the map zooms to the wards the results cover.
  const only = useMemo(() => (level === 'ward' && results.units.length > 0 ? new Set(results.units.map((unit) => unit.code)) : undefined), [level, results.units]);
  const layout = useMemo(() => {
    if (map.state !== 'loaded') return null;
    try {
      return layoutWardMap(map.topology, districtNames, only);
    } catch (error) {
      return error instanceof Error ? error : new Error('The map could not be drawn.');
    }
  }, [map, districtNames, only]);

  const drawn = useMemo<DrawnWard[]>(() => {
    if (!layout || layout instanceof Error) return [];
    return layout.wards.map((ward) => {
      const codes = unitsForWard(level, ward, areas);
      const unit = codes.map((code) => units.get(code)).find((candidate) => candidate !== undefined);
      return { ward, unit, fill: wardFill(unit, unit ? measureCell(question.units[unit.code], measure) : undefined, bins) };
    });
  }, [layout, level, areas, units, question, measure, bins]);

  if (level === 'force') return <p className="s-muted">The whole force is one unit: choose wards, districts or Impact Areas to see a map.</p>;
  if (map.state === 'loading') return <p role="status">Loading the map…</p>;
  if (map.state === 'missing') return <p className="s-muted">There is no ward map for {vintage ? vintageText(vintage) : 'these boundaries'}: an administrator can import the ward boundaries again to make one. The table has every figure.</p>;
  if (map.state === 'failed' || layout instanceof Error || !layout) {
    return <p className="s-alert">{map.state === 'failed' ? map.message : layout instanceof Error ? layout.message : 'The map could not be drawn.'} The table has every figure.</p>;
  }

  const counts = countFills(drawn.map((d) => d.fill));
  const what = measureLabel(question, measure);
  const label = `Map of ${formatCount(drawn.length)} wards coloured by the share answering “${what}” to “${question.title}”${level === 'ward' ? '' : `, each ward showing its ${LEVEL_LABELS[level].singular.toLowerCase()}’s figure`}: ${formatCount(counts.shown)} shown, ${formatCount(counts.withheld)} withheld, ${formatCount(counts.empty)} with no responses.`;
  const current = drawn.find((d) => d.ward.code === active);
  const tabStop = drawn.some((d) => d.ward.code === focusable) ? focusable : (drawn[0]?.ward.code ?? null);

  const onKeyDown = (event: KeyboardEvent<SVGPathElement>, index: number) => {
    let next = index;
    if (NEXT_KEYS.has(event.key)) next = (index + 1) % drawn.length;
    else if (PREVIOUS_KEYS.has(event.key)) next = (index - 1 + drawn.length) % drawn.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = drawn.length - 1;
    else if (event.key === 'Escape') return setActive(null);
    else return;
    event.preventDefault();
    const code = drawn[next]!.ward.code;
    setFocusable(code);
    (event.currentTarget.ownerSVGElement?.querySelector(`[data-code="${CSS.escape(code)}"]`) as SVGPathElement | null)?.focus();
  };

  return (
    <div className="res-map">
      <div className="res-map-figure">
        <svg className="res-map-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={label} aria-describedby={helpId} data-testid="results-map">
          <defs>
            <pattern id={patternId} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
              <rect width="8" height="8" fill="#ffffff" />
              <line x1="2" y1="0" x2="2" y2="8" stroke={HATCH_INK} strokeWidth="2.5" />
            </pattern>
          </defs>
          <g onMouseLeave={() => setActive(null)}>
            {drawn.map((d, index) => {
              const text = wardText(d, level, threshold);
              return (
                <path
                  key={d.ward.code}
                  className="res-ward"
                  d={d.ward.d}
                  fill={fillColour(d.fill, patternId)}
                  stroke={WARD_BORDER}
                  strokeWidth={1}
                  data-code={d.ward.code}
                  data-fill={d.fill.kind}
                  role="img"
                  aria-label={text}
                  tabIndex={d.ward.code === tabStop ? 0 : -1}
                  onMouseEnter={() => setActive(d.ward.code)}
                  onFocus={() => {
                    setActive(d.ward.code);
                    setFocusable(d.ward.code);
                  }}
                  onBlur={() => setActive(null)}
                  onKeyDown={(event) => onKeyDown(event, index)}
                >
                  <title>{text}</title>
                </path>
              );
            })}
          </g>
          <path className="res-map-borders" d={layout.districtBorders} fill="none" stroke={DISTRICT_BORDER} strokeWidth={1.75} strokeLinejoin="round" />
          <WardLabels wards={layout.wards} />
          {current && (
            <g className="res-map-highlight" aria-hidden="true">
              <path d={current.ward.d} fill="none" stroke={DISTRICT_BORDER} strokeWidth={6} strokeLinejoin="round" />
              <path d={current.ward.d} fill="none" stroke="#ffdd00" strokeWidth={3} strokeLinejoin="round" />
              <WardTooltip ward={current.ward} detail={shortFigure(current, level)} width={layout.width} height={layout.height} />
            </g>
          )}
        </svg>
        <p className="res-map-detail" data-testid="map-detail">
          {current ? wardText(current, level, threshold) : 'Point at a ward, or tab to the map and use the arrow keys, to see its figures here.'}
        </p>
      </div>
      <div className="res-legend">
        <h3 id={legendId} className="res-legend-title">
          Share answering “{what}”
        </h3>
        <ul aria-labelledby={legendId} data-testid="map-legend">
          {bins.map((bin) => (
            <li key={bin.label}>
              <Swatch fill={bin.colour} />
              <span>{bin.label}</span>
            </li>
          ))}
          <li>
            <Swatch fill={`url(#${patternId})`} />
            <span>Withheld (fewer than {threshold} respondents, or to protect another figure)</span>
          </li>
          <li>
            <Swatch fill={NO_RESPONSES} />
            <span>No responses</span>
          </li>
          {counts.outside > 0 && (
            <li>
              <Swatch fill={NOT_COVERED} />
              <span>{level === 'area' ? 'Not in an Impact Area or neighbourhood team' : 'Not in this view'}</span>
            </li>
          )}
        </ul>
        <p id={helpId} className="res-map-note s-muted">
          Tab to the map, then use the arrow keys to move from ward to ward. Every figure is also in the <a href={`#${tableId}`}>table</a>.
        </p>
      </div>
    </div>
  );
}

function Swatch({ fill }: { fill: string }) {
  return (
    <svg className="res-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="0.75" y="0.75" width="14.5" height="14.5" fill={fill} stroke={DISTRICT_BORDER} strokeWidth={1.5} />
    </svg>
  );
}
