/**
 * District colours: Paul Tol's "light" scheme, made for filled areas under labels and
 * distinguishable with the common colour-vision deficiencies. With more districts than colours
 * they repeat; the dark district borders and the legend keep districts apart.
 */
export const DISTRICT_PALETTE = ['#77AADD', '#EE8866', '#EEDD88', '#FFAABB', '#99DDFF', '#44BB99', '#BBCC33', '#AAAA00', '#DDDDDD'] as const;

export function districtColour(index: number): string {
  return DISTRICT_PALETTE[index % DISTRICT_PALETTE.length]!;
}

/** Borders: dark enough against every fill and the page (WCAG 1.4.11, 3:1). */
export const DISTRICT_BORDER = '#0b0c0c';
export const WARD_BORDER = '#ffffff';
