/**
 * The clearly labelled demo force that `pnpm dev` seeds when no real geography has been imported:
 * two made-up districts of twelve square wards each, with made-up ONS-style codes (E089…/E059…,
 * ranges ONS does not use) and postcodes in the unused `ZZ` area. It goes through the same
 * importers as a force's real ONS files, so the demo exercises the real code path.
 */

const COLUMNS = 6;
const ROWS = 4;
const CELL = 0.03;
const ORIGIN: [number, number] = [-2.2, 52.9];

/** Letters a postcode's inward code may use (never C, I, K, M, O or V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

const DISTRICTS = [
  { code: 'E08900001', name: 'Northvale (demo)' },
  { code: 'E08900002', name: 'Southmere (demo)' },
];

const WARD_NAMES = [
  'Abbey Fields', 'Brook End', 'Castle Hill', 'Dale Park', 'Elm Green', 'Fairview',
  'Glebe', 'Hollybank', 'Ivy Cross', 'Jubilee', 'Kingsway', 'Lark Rise',
  'Millbrook', 'Netherton Vale', 'Oakwood', 'Priory', 'Queensbridge', 'Riverside',
  'St Anne’s', 'Tanners', 'Upper Moor', 'Victoria', 'Westgate', 'Yew Tree',
];

export interface DemoGeography {
  boundaries: string;
  postcodes: string;
  impactAreas: string;
}

/** Builds the demo boundaries (GeoJSON), postcode lookup (NSPL-style CSV) and Impact Areas (CSV). */
export function buildDemoGeography(): DemoGeography {
  const features = [];
  const postcodeRows = ['pcds,lad_code,ward_code'];
  const areaRows = ['area_name,ward_code'];
  for (let row = 0; row < ROWS; row++) {
    for (let column = 0; column < COLUMNS; column++) {
      const index = row * COLUMNS + column;
      const district = DISTRICTS[row < ROWS / 2 ? 0 : 1]!;
      const code = `E0590${String(index + 1).padStart(4, '0')}`;
      // Rounded so neighbouring squares share exactly the same edge coordinates (one topology).
      const at = (value: number) => Math.round(value * 1e5) / 1e5;
      const [x, y] = [at(ORIGIN[0] + column * CELL), at(ORIGIN[1] - row * CELL)];
      const [x2, y2] = [at(x + CELL), at(y - CELL)];
      features.push({
        type: 'Feature',
        properties: { WD25CD: code, WD25NM: `${WARD_NAMES[index]} (demo)`, LAD25CD: district.code, LAD25NM: district.name },
        geometry: { type: 'Polygon', coordinates: [[[x, y], [x2, y], [x2, y2], [x, y2], [x, y]]] },
      });
      // Outward code per row, sector per column: 12 postcodes a ward.
      const outward = `ZZ${row + 1}`;
      for (let unit = 0; unit < 12; unit++) {
        const sector = column % 10;
        const inward = `${sector}${INWARD_LETTERS[unit]}${INWARD_LETTERS[index % INWARD_LETTERS.length]}`;
        postcodeRows.push(`${outward} ${inward},${district.code},${code}`);
      }
      if (column < 3) areaRows.push(`${row < 2 ? 'North Town Centre' : 'South Riverside'} Impact Area (demo),${code}`);
    }
  }
  return {
    boundaries: JSON.stringify({ type: 'FeatureCollection', name: 'WardPulse demo wards (not real)', features }),
    postcodes: `${postcodeRows.join('\n')}\n`,
    impactAreas: `${areaRows.join('\n')}\n`,
  };
}
