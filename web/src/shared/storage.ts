/**
 * Small values kept in this browser for the resident pages: JSON in localStorage under
 * `wardpulse:` (never cookies), or in this tab's memory when storage refuses (private mode, a
 * full disk), so the page still works and only forgets when the tab closes.
 */

const PREFIX = 'wardpulse:';
const CHANGED = 'wardpulse:storage-changed';

/** Where values go when localStorage refuses them: this tab only. */
const memory = new Map<string, string>();

/**
 * @example
 * readStored<number>('rating:msg_1') // 4, or null when nothing (readable) is kept
 */
export function readStored<T>(key: string): T | null {
  let raw: string | null | undefined;
  try {
    raw = window.localStorage.getItem(PREFIX + key);
  } catch {
    raw = undefined;
  }
  raw ??= memory.get(PREFIX + key) ?? null;
  try {
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Keeps a value (null removes it); false when only this tab's memory could take it. */
export function writeStored(key: string, value: unknown): boolean {
  let stored = true;
  memory.delete(PREFIX + key);
  try {
    if (value === null) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    if (value !== null) memory.set(PREFIX + key, JSON.stringify(value));
    stored = false;
  }
  window.dispatchEvent(new Event(CHANGED));
  return stored;
}

/** The keys (without `wardpulse:`) that start with `prefix`, in storage or in this tab's memory. */
export function storedKeys(prefix: string): string[] {
  const keys = new Set(memory.keys());
  try {
    for (let i = 0; i < window.localStorage.length; i++) keys.add(window.localStorage.key(i) ?? '');
  } catch {
    // Storage unavailable: only this tab's memory holds anything.
  }
  return [...keys].filter((key) => key.startsWith(PREFIX + prefix)).map((key) => key.slice(PREFIX.length));
}

/** Calls `onChange` when this tab or another one changes what is stored. */
export function subscribeStorage(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(PREFIX)) onChange();
  };
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onStorage);
  };
}
