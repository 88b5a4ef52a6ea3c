import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The link secret on one machine: generated once into the data folder (so e-mailed links keep
 * working across restarts of `pnpm dev`), or a fresh one per process when there is no folder.
 */
export function localLinkSecret(file?: string): Uint8Array {
  if (!file) return randomBytes(32);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return new TextEncoder().encode(existing);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return new TextEncoder().encode(secret);
}
