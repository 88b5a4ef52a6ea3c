import type { Answers, Locale, ResponseSubmission } from '@wardpulse/domain';
import { useSyncExternalStore } from 'react';
import { readStored as read, storedKeys, subscribeStorage, writeStored as write } from '../shared/storage.ts';

/**
 * What the resident app keeps on the phone, in localStorage (never cookies): progress per survey
 * version, and each submission until the server has it. A postcode is never written here — only
 * the ward the resident confirmed, which is all the response carries anyway.
 */

export interface Progress {
  responseId: string;
  startedAt: string;
  answers: Answers;
  /** Display names of chosen wards ("Abbey Fields, Northvale"), for "Check your answers". */
  wardLabels: Record<string, string>;
  /** `submitted` once the resident pressed Send: from then on the submission record is the truth. */
  stage: 'answering' | 'submitted';
  /** The page the resident was last on, for "Continue where you left off". */
  lastPage?: string;
  updatedAt: string;
}

export type SubmissionRecord =
  | { state: 'pending'; submission: ResponseSubmission; slug: string; queuedAt: string; attempts: number; busyAttempts?: number; nextAttemptAt: number; reason: 'offline' | 'busy' }
  | { state: 'sent'; surveyId: string; version: number; slug: string; receivedAt: string; sentAt: string }
  | { state: 'rejected'; surveyId: string; version: number; slug: string; status: number; message: string; issues: { path: (string | number)[]; message: string }[] };

const progressKey = (surveyId: string, version: number) => `progress:${surveyId}:${version}`;

export const loadProgress = (surveyId: string, version: number) => read<Progress>(progressKey(surveyId, version));
export const saveProgress = (surveyId: string, version: number, progress: Progress | null) =>
  write(progressKey(surveyId, version), progress && { ...progress, updatedAt: new Date().toISOString() });

export const loadSubmission = (id: string) => read<SubmissionRecord>(`submission:${id}`);
export const saveSubmission = (id: string, record: SubmissionRecord | null) => write(`submission:${id}`, record);

/** Ids of submissions still waiting to be sent. */
export function pendingIds(): string[] {
  const prefix = 'submission:';
  return storedKeys(prefix)
    .filter((key) => read<SubmissionRecord>(key)?.state === 'pending')
    .map((key) => key.slice(prefix.length));
}

export const loadLocale = () => read<Locale>('locale');
export const saveLocale = (locale: Locale) => write('locale', locale);

/** A v4 UUID for a new response (`crypto.randomUUID` where the browser has it). */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A short reference a resident can read out: the first 8 hex digits of the response id, `3F2A-91C0`. */
export const shortReference = (id: string) => id.replace(/-/g, '').slice(0, 8).toUpperCase().replace(/^(.{4})/, '$1-');

let storageVersion = 0;
const subscribeVersion = (onChange: () => void) =>
  subscribeStorage(() => {
    storageVersion++;
    onChange();
  });

/** Re-renders the caller whenever stored progress or submissions change (this tab or another). */
export function useStorageVersion(): number {
  return useSyncExternalStore(subscribeVersion, () => storageVersion);
}
