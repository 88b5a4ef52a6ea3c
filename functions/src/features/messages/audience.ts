/**
 * Who a message reaches: the active sign-ups of the targeted wards (districts and Impact Areas
 * resolve to wards in the live vintage), filtered by topic, each contact once. Counted before
 * sending (`AudienceService`, no personal data leaves) and resolved again by the send job.
 */
import type { Repositories } from '@wardpulse/data';
import type { MessageTargeting } from '@wardpulse/domain';
import type { AudienceCount, AudienceService } from './contracts.ts';

export interface AudienceMember {
  contactId: string;
  /** The ward the recipient is counted under: of their targeted wards, the first by code. */
  wardCode: string;
}

export interface ResolvedAudience {
  /** Active, topic-matching contacts, each once, in ward-code order. */
  recipients: AudienceMember[];
  /** Contacts in scope that bounced or complained: skipped, only counted. */
  suppressed: number;
}

/** The ward codes a targeting covers, sorted. Force-wide means every live ward and any ward with sign-ups. */
export async function targetWards(repositories: Repositories, targeting: MessageTargeting): Promise<string[]> {
  const { scope } = targeting;
  if (scope.scope === 'wards') return [...new Set(scope.codes)].sort();
  const vintage = await repositories.geography.currentVintage();
  let codes: string[] = [];
  if (scope.scope === 'force') {
    const live = vintage ? (await repositories.geography.listWards(vintage)).map((ward) => ward.code) : [];
    codes = [...live, ...(await repositories.contacts.signupCounts()).keys()];
  } else if (vintage && scope.scope === 'districts') {
    codes = (await repositories.geography.listWards(vintage)).filter((ward) => scope.codes.includes(ward.districtCode)).map((ward) => ward.code);
  } else if (vintage && scope.scope === 'areas') {
    codes = (await repositories.geography.listAreas(vintage)).filter((area) => scope.ids.includes(area.id)).flatMap((area) => area.wardCodes);
  }
  return [...new Set(codes)].sort();
}

/** Reads the targeted wards' memberships page by page; no address is read here. */
export async function resolveAudience(repositories: Repositories, targeting: MessageTargeting): Promise<ResolvedAudience> {
  const topics = new Set(targeting.topics);
  const seen = new Set<string>();
  const recipients: AudienceMember[] = [];
  const suppressed = new Set<string>();
  for (const wardCode of await targetWards(repositories, targeting)) {
    for await (const page of repositories.contacts.wardMembers(wardCode)) {
      for (const member of page) {
        if (topics.size > 0 && !member.topics.some((topic) => topics.has(topic))) continue;
        if (member.status === 'suppressed') suppressed.add(member.contactId);
        if (member.status !== 'active' || seen.has(member.contactId)) continue;
        seen.add(member.contactId);
        recipients.push({ contactId: member.contactId, wardCode });
      }
    }
  }
  return { recipients, suppressed: suppressed.size };
}

/**
 * @example
 * const audience = createAudienceService(repositories);
 * await audience.count({ scope: { scope: 'districts', codes: ['E08000028'] }, topics: ['burglary'] });
 * // → { total: 812, byWard: { E05001278: 64, … } }
 */
export function createAudienceService(repositories: Repositories): AudienceService {
  return {
    async count(targeting): Promise<AudienceCount> {
      const { recipients } = await resolveAudience(repositories, targeting);
      const byWard: Record<string, number> = {};
      for (const { wardCode } of recipients) byWard[wardCode] = (byWard[wardCode] ?? 0) + 1;
      return { total: recipients.length, byWard };
    },
  };
}
