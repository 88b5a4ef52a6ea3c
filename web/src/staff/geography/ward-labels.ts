/**
 * Where to write a ward's name on the map, and whether it fits inside the ward. Pure: it reads
 * the SVG path data that `layoutWardMap` draws (absolute M/L/Z commands from d3-geo).
 */

export interface LabelPlacement {
  /** The label's centre, in the map's viewBox. */
  x: number;
  y: number;
  /** True when the name, at the given size, fits inside the ward's largest part. */
  fits: boolean;
}

/** Font size of the ward labels, in viewBox units (the map is 800 wide). */
export const LABEL_SIZE = 11;
/** Average width of a character as a share of the font size, for the system sans-serif fonts. */
const CHARACTER_WIDTH = 0.56;
const POINT = /([MLZ])\s*(?:(-?\d*\.?\d+(?:e[-+]?\d+)?)[\s,]+(-?\d*\.?\d+(?:e[-+]?\d+)?))?/giu;

type Ring = [number, number][];

function rings(d: string): Ring[] {
  const found: Ring[] = [];
  let current: Ring | null = null;
  for (const [, command, x, y] of d.matchAll(POINT)) {
    const upper = command!.toUpperCase();
    if (upper === 'Z') {
      current = null;
      continue;
    }
    if (x === undefined || y === undefined) continue;
    if (upper === 'M' || !current) {
      current = [];
      found.push(current);
    }
    current.push([Number(x), Number(y)]);
  }
  return found.filter((ring) => ring.length >= 3);
}

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

function inside([x, y]: [number, number], ring: Ring): boolean {
  let within = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}

/**
 * The centroid of the ward's largest part, and whether `name` fits there: the text's estimated
 * width within 90 % of the part's width, its height within half the part's height, and the
 * centroid inside the part (a crescent-shaped ward's centroid can fall outside it).
 *
 * @example
 * labelPlacement('M0,0L100,0L100,40L0,40Z', 'Soho') // { x: 50, y: 20, fits: true }
 */
export function labelPlacement(d: string, name: string, size = LABEL_SIZE): LabelPlacement {
  const parts = rings(d);
  if (parts.length === 0) return { x: 0, y: 0, fits: false };
  const largest = parts.reduce((a, b) => (Math.abs(signedArea(b)) > Math.abs(signedArea(a)) ? b : a));
  const xs = largest.map(([x]) => x);
  const ys = largest.map(([, y]) => y);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const area = signedArea(largest);
  let x = (left + right) / 2;
  let y = (top + bottom) / 2;
  if (Math.abs(area) > 1e-9) {
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < largest.length; i++) {
      const [x1, y1] = largest[i]!;
      const [x2, y2] = largest[(i + 1) % largest.length]!;
      const cross = x1 * y2 - x2 * y1;
      cx += (x1 + x2) * cross;
      cy += (y1 + y2) * cross;
    }
    x = cx / (6 * area);
    y = cy / (6 * area);
  }
  const width = [...name].length * size * CHARACTER_WIDTH;
  const fits = width <= 0.9 * (right - left) && size <= 0.5 * (bottom - top) && inside([x, y], largest);
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, fits };
}
