import type { Repositories } from '@wardpulse/data';
import { TOPICS, type Topic } from '@wardpulse/domain';

export interface CountCell {
  count: number;
  /** 0 < count < the disclosure threshold: fine for staff to see, not for publishing. */
  belowThreshold: boolean;
}

export interface WardSignupCounts {
  wardCode: string;
  wardName: string;
  districtCode: string;
  districtName: string;
  active: CountCell;
  topics: Record<Topic, CountCell>;
}

export interface SignupCountsReport {
  threshold: number;
  vintage: string | null;
  wards: WardSignupCounts[];
}

/**
 * Active sign-ups by ward and topic, from the counters the sign-up flows keep (no addresses are
 * read). Every live ward is listed, with zeros, so gaps show. Counts are exact: this is internal
 * management information for staff planning messages; small ones are flagged, not withheld, and
 * anything published goes through disclosure control.
 */
export async function signupCountsReport(repositories: Repositories): Promise<SignupCountsReport> {
  const [counts, settings, vintage] = await Promise.all([repositories.contacts.signupCounts(), repositories.settings.get(), repositories.geography.currentVintage()]);
  const threshold = settings.disclosureThreshold;
  const cell = (count: number): CountCell => ({ count, belowThreshold: count > 0 && count < threshold });
  const wards = vintage ? await repositories.geography.listWards(vintage) : [];
  const known = new Set(wards.map((ward) => ward.code));
  const rows = [
    ...wards.map((ward) => ({ wardCode: ward.code, wardName: ward.name, districtCode: ward.districtCode, districtName: ward.districtName })),
    // Sign-ups for wards no longer in the live boundaries (after a boundary change) still show.
    ...[...counts.keys()].filter((code) => !known.has(code)).sort().map((code) => ({ wardCode: code, wardName: code, districtCode: '', districtName: 'Not in the current boundaries' })),
  ];
  return {
    threshold,
    vintage,
    wards: rows.map((row) => {
      const counters = counts.get(row.wardCode) ?? {};
      return {
        ...row,
        active: cell(counters.active ?? 0),
        topics: Object.fromEntries(TOPICS.map((topic) => [topic, cell(counters[`t#${topic}`] ?? 0)])) as Record<Topic, CountCell>,
      };
    }),
  };
}
