/**
 * What a page of the built web app downloads before it can show anything, read from the Vite
 * manifest (`build.manifest`) of a build: used by bench/web.bench.ts and the e2e size budget.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** The lazy chunks (manifest keys) each page waits for, beyond the entry. */
export const PAGES = {
  survey: ['src/resident/surveys/SurveysApp.tsx'],
  message: ['src/resident/messages/MessagesApp.tsx'],
  signup: ['src/resident/messages/MessagesApp.tsx', 'src/resident/messages/SignupPage.tsx'],
  staff: ['src/staff/StaffApp.tsx'],
} as const satisfies Record<string, readonly string[]>;

export type PageName = keyof typeof PAGES;

export interface PageAssets {
  /** Built files (relative to the output folder), in load order. */
  js: string[];
  css: string[];
  /** gzip -9 bytes, summed over the files. */
  jsGzip: number;
  cssGzip: number;
  /** The source modules those JS files were built from (from their source maps), relative to web/. */
  sources: string[];
}

/** Which built files a page needs: the entry and, for each of its lazy chunks, that chunk, with every static import and their CSS. */
export function pageAssets(outDir: string, page: PageName | readonly string[]): PageAssets {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error(`No entry chunk in ${outDir}/.vite/manifest.json`);
  const lazy = typeof page === 'string' ? PAGES[page] : page;
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest of ${outDir}`);
    if (js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  for (const key of lazy) visit(key);
  const gzip = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).byteLength;
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzip(file), 0);
  return { js: [...js], css: [...css], jsGzip: sum(js), cssGzip: sum(css), sources: [...new Set([...js].flatMap((file) => sourcesOf(outDir, file)))] };
}

const webRoot = dirname(new URL(import.meta.url).pathname);

function sourcesOf(outDir: string, file: string): string[] {
  const mapFile = join(outDir, `${file}.map`);
  let map: { sources: string[] };
  try {
    map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] };
  } catch {
    return []; // Vite's own helpers (e.g. the preload runtime) have no map.
  }
  return map.sources.map((source) => relative(webRoot, resolve(dirname(mapFile), source)));
}

/** Source modules that only the staff console may load: its own code and its sign-in library. */
export const isStaffSource = (source: string) => source.startsWith('src/staff/') || source.includes('/oidc-client-ts/');
