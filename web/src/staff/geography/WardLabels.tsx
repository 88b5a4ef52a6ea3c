import { memo, useMemo } from 'react';
import { LABEL_SIZE, labelPlacement } from './ward-labels.ts';

/** Dark text with a white halo reads on every fill of the palettes, hatching included. */
const INK = '#0b0c0c';
const HALO = '#ffffff';

interface LabelledWard {
  code: string;
  name: string;
  d: string;
}

/**
 * The names of the wards that have room for them, written at their centres. Hidden from
 * assistive technology: each ward already carries its name, and the table lists every ward.
 */
export const WardLabels = memo(function WardLabels({ wards }: { wards: readonly LabelledWard[] }) {
  const placed = useMemo(() => wards.flatMap((ward) => {
    const placement = labelPlacement(ward.d, ward.name);
    return placement.fits ? [{ ...ward, ...placement }] : [];
  }), [wards]);
  return (
    <g className="ward-labels" aria-hidden="true" pointerEvents="none" data-testid="ward-labels">
      {placed.map((ward) => (
        <text key={ward.code} x={ward.x} y={ward.y} textAnchor="middle" dominantBaseline="central" fontSize={LABEL_SIZE} fill={INK} stroke={HALO} strokeWidth={3} strokeLinejoin="round" style={{ paintOrder: 'stroke' }} data-code={ward.code}>
          {ward.name}
        </text>
      ))}
    </g>
  );
});

const TIP_SIZE = 13;
const TIP_PADDING = 6;

/**
 * A visible caption on the map for the ward being pointed at or focused: its name in bold and,
 * when given, its figure, in a box kept inside the map.
 */
export function WardTooltip({ ward, detail, width, height }: { ward: LabelledWard; detail?: string; width: number; height: number }) {
  const { x, y } = labelPlacement(ward.d, ward.name, TIP_SIZE);
  const lines = detail ? [ward.name, detail] : [ward.name];
  const boxWidth = Math.min(width, Math.max(...lines.map((line) => [...line].length)) * TIP_SIZE * 0.6 + 2 * TIP_PADDING);
  const boxHeight = lines.length * TIP_SIZE * 1.3 + 2 * TIP_PADDING;
  const left = Math.min(Math.max(0, x - boxWidth / 2), width - boxWidth);
  // Above the ward's centre when there is room, otherwise below it.
  const top = y - boxHeight - 8 >= 0 ? y - boxHeight - 8 : Math.min(height - boxHeight, y + 8);
  return (
    <g className="ward-tooltip" pointerEvents="none" data-testid="ward-tooltip">
      <rect x={left} y={top} width={boxWidth} height={boxHeight} rx={3} fill={HALO} stroke={INK} strokeWidth={1.5} />
      {lines.map((line, i) => (
        <text key={i} x={left + TIP_PADDING} y={top + TIP_PADDING + (i + 0.5) * TIP_SIZE * 1.3} dominantBaseline="central" fontSize={TIP_SIZE} fontWeight={i === 0 ? 700 : 400} fill={INK}>
          {line}
        </text>
      ))}
    </g>
  );
}
