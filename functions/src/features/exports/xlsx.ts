import { Readable } from 'node:stream';
import type { Cell, RowCounter, Sheet } from './table.ts';
import { zipStream, type ZipEntry } from './zip.ts';

/** Sheet XML gathered before it is compressed. */
const CHUNK_CHARS = 128 * 1024;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// XML 1.0 cannot carry these control characters at all, so they are dropped (as ExcelJS did).
// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /[<>&'"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const XML_UNSAFE_ALL = /[<>&'"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

export const xmlText = (text: string): string => (XML_UNSAFE.test(text) ? text.replace(XML_UNSAFE_ALL, (c) => ENTITIES[c] ?? '') : text);

/** `A`, `B`, … `Z`, `AA`… for a zero-based column index. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * One row of sheet XML. Text is a `t="str"` cell with its value in `<v>` (what ExcelJS's
 * streaming writer wrote without shared strings), numbers a plain `<v>`, empty cells left out.
 * A number that is not finite has no XLSX form and is left out too.
 */
function rowXml(rowNumber: number, row: readonly Cell[], names: string[]): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (cell === null || cell === undefined) continue;
    const ref = (names[i] ??= columnName(i)) + rowNumber;
    if (typeof cell === 'number') {
      if (Number.isFinite(cell)) xml += `<c r="${ref}"><v>${cell}</v></c>`;
    } else xml += `<c r="${ref}" t="str"><v>${xmlText(cell)}</v></c>`;
  }
  return `${xml}</row>`;
}

async function* sheetXml(sheet: Sheet, onRows?: RowCounter): AsyncGenerator<string> {
  const names: string[] = [];
  let xml = `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${rowXml(1, sheet.columns, names)}`;
  let count = 0;
  for await (const row of sheet.rows()) {
    count += 1;
    xml += rowXml(count + 1, row, names);
    onRows?.(count);
    if (xml.length >= CHUNK_CHARS) {
      yield xml;
      xml = '';
    }
  }
  yield `${xml}</sheetData></worksheet>`;
}

/** The package's fixed parts: content types, relationships, properties, workbook and styles. */
function packageParts(sheets: readonly Sheet[], at: Date): ZipEntry[] {
  const part = (name: string, xml: string): ZipEntry => ({ name, chunks: () => [XML_DECLARATION + xml] });
  const sheetIds = sheets.map((_, i) => i + 1);
  const created = `${at.toISOString().slice(0, 19)}Z`;
  return [
    part(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheetIds.map((id) => `<Override PartName="/xl/worksheets/sheet${id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    ),
    part(
      '_rels/.rels',
      `<Relationships xmlns="${PACKAGE_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    ),
    part(
      'docProps/core.xml',
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>WardPulse</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` +
        '</cp:coreProperties>',
    ),
    part('docProps/app.xml', '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>WardPulse</Application></Properties>'),
    part(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        sheets.map((sheet, i) => `<sheet name="${xmlText(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PACKAGE_REL_NS}">` +
        sheetIds.map((id) => `<Relationship Id="rId${id}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${id}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ),
    part(
      'xl/styles.xml',
      `<styleSheet xmlns="${MAIN_NS}">` +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    ),
  ];
}

/**
 * Streams sheets as an XLSX workbook (SpreadsheetML in a ZIP), written here rather than by
 * ExcelJS's streaming writer, which cost four times the CSV writer per row (a Row and a Cell
 * object per cell, an XML writer per row) and needed polling to heed back-pressure. Each row
 * becomes XML text as it arrives, ~128 KB of it at a time is deflated on the thread pool, and
 * nothing is read ahead of the reader: memory stays flat whatever the rows. Inline values
 * instead of a shared-strings table (which would hold every distinct string until the end), no
 * styles beyond the default. Sheets are written one after another, the workbook's parts first so
 * a streaming reader knows the sheets before it meets them.
 *
 * Text is always a text cell, never a formula: a formula needs an `<f>` element, never written.
 * XML cannot carry most control characters, so they are dropped; a carriage return reads back as
 * a line feed.
 */
export function xlsxStream(sheets: readonly Sheet[], onRows?: RowCounter): Readable {
  const entries: ZipEntry[] = [
    ...packageParts(sheets, new Date()),
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, chunks: () => sheetXml(sheet, i === 0 ? onRows : undefined) })),
  ];
  return Readable.from(zipStream(entries), { objectMode: false });
}
