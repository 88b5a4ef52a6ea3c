/**
 * The administrators' audit trail: who changed what, and when, in plain English, filtered by
 * person, kind and date range on the server and read a page at a time.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Repositories } from '@wardpulse/data';
import { AuditEventSchema, type AuditEvent } from '@wardpulse/domain';
import { allow } from '../../api/middleware/auth.ts';
import { BadRequestError, bearerSecurity, createRouter, errorResponse, staffErrorResponses } from '../../api/router.ts';

/** The kinds of change an administrator can filter by: the part of the action code before the dot. */
export const AUDIT_KINDS = {
  settings: 'Force settings',
  survey: 'Surveys',
  message: 'Community messages',
  export: 'Exports',
  geography: 'Geography',
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

const DAY_MS = 86_400_000;
/** With no dates given, the trail shows the last 90 days. */
const DEFAULT_DAYS = 90;
/** A range is read month by month; three years is the longest one page may span. */
const MAX_DAYS = 3 * 366;

const MESSAGE_VERBS: Readonly<Record<string, string>> = {
  created: 'Drafted',
  scheduled: 'Scheduled',
  sending: 'Started sending',
  sent: 'Finished sending',
  failed: 'Stopped sending',
  draft: 'Moved back to draft',
};

const AREA_KIND_WORDS: Readonly<Record<string, [string, string]>> = {
  'impact-area': ['Impact Area', 'Impact Areas'],
  npt: ['neighbourhood team area', 'neighbourhood team areas'],
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
const ukDateTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

/** The name an event's object had: stored with new events (`detail.name`), looked up for old ones. */
export type NameLookup = (kind: 'survey' | 'message', id: string) => Promise<string | undefined>;

/** Looks names up once per id per request; an object deleted since is simply unnamed. */
export function nameLookup(repositories: Pick<Repositories, 'surveys' | 'messages'>): NameLookup {
  const cache = new Map<string, Promise<string | undefined>>();
  return (kind, id) => {
    const key = `${kind}#${id}`;
    let found = cache.get(key);
    if (!found) {
      const survey = async () => {
        const found = await repositories.surveys.get(id);
        if (!found) return undefined;
        const published = found.publishedVersion > 0 ? await repositories.surveys.getVersion(id, found.publishedVersion) : null;
        return published?.content.title.en ?? found.draft?.title.en ?? found.slug;
      };
      found = (kind === 'survey' ? survey() : repositories.messages.get(id).then((message) => message?.title)).catch(() => undefined);
      cache.set(key, found);
    }
    return found;
  };
}

/**
 * One event in words, with its object's name, e.g. "Published survey ‘Your Priorities 2026’
 * (version 3)". Unknown actions still read as words rather than a bare code.
 *
 * @example
 * await describeAuditEvent({ action: 'survey.published', detail: { surveyId: 's1', name: 'Your Priorities 2026', version: 3 } }, lookup)
 * // → "Published survey ‘Your Priorities 2026’ (version 3)"
 */
export async function describeAuditEvent(event: Pick<AuditEvent, 'action' | 'detail'>, lookup: NameLookup): Promise<string> {
  const { detail } = event;
  const [kind = '', verb = ''] = event.action.split('.', 2);
  const named = async (object: 'survey' | 'message', id: unknown) => {
    const name = text(detail.name) ?? (text(id) ? await lookup(object, String(id)) : undefined);
    if (name) return `${object} \u2018${name}\u2019`;
    return text(id) ? `a ${object} that no longer exists (${String(id).slice(0, 8)})` : `a ${object}`;
  };
  const version = num(detail.version);
  switch (event.action) {
    case 'settings.updated': {
      const parts = [
        text(detail.forceName) && `name \u2018${String(detail.forceName)}\u2019`,
        num(detail.retentionDays) !== undefined && `keep responses ${String(detail.retentionDays)} days`,
        num(detail.disclosureThreshold) !== undefined && `disclosure threshold ${String(detail.disclosureThreshold)}`,
      ].filter(Boolean);
      return `Changed the force settings${version ? ` (version ${version})` : ''}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
    }
    case 'survey.created':
      return `Created ${await named('survey', detail.surveyId)}`;
    case 'survey.published':
      return `Published ${await named('survey', detail.surveyId)}${version ? ` (version ${version})` : ''}`;
    case 'survey.closed':
      return `Closed ${await named('survey', detail.surveyId)}`;
    case 'export.requested': {
      const what = detail.kind === 'responses' ? 'an export of individual responses' : 'an export of results';
      const file = text(detail.fileName) ? ` (${String(detail.fileName)})` : '';
      return `Requested ${what} from ${await named('survey', detail.surveyId)}${file}`;
    }
    case 'export.downloaded': {
      const what = detail.kind === 'responses' ? 'individual responses' : 'results';
      const file = text(detail.fileName) ? ` (${String(detail.fileName)})` : '';
      return `Was given a download link to ${what} from ${await named('survey', detail.surveyId)}${file}`;
    }
    case 'geography.boundaries_imported': {
      const wards = num(detail.wards);
      const districts = num(detail.districts);
      const counts = [wards !== undefined && plural(wards, 'ward', 'wards'), districts !== undefined && plural(districts, 'district', 'districts')].filter(Boolean);
      return `Imported ward boundaries${text(detail.vintage) ? ` for ${String(detail.vintage)}` : ''}${counts.length > 0 ? `: ${counts.join(' in ')}` : ''}`;
    }
    case 'geography.areas_imported': {
      const [one, many] = AREA_KIND_WORDS[String(detail.kind)] ?? ['area', 'areas'];
      const count = num(detail.areas);
      const replaced = num(detail.replaced);
      return `Imported ${count === undefined ? many : plural(count, one, many)}${text(detail.vintage) ? ` for ${String(detail.vintage)}` : ''}${replaced ? `, replacing ${plural(replaced, one, many)}` : ''}`;
    }
  }
  if (kind === 'message') {
    const when = verb === 'scheduled' && text(detail.scheduledFor) ? ` for ${ukDateTime(String(detail.scheduledFor))}` : '';
    return `${MESSAGE_VERBS[verb] ?? 'Changed'} ${await named('message', detail.messageId)}${when}`;
  }
  if (kind === 'survey') return `Changed ${await named('survey', detail.surveyId)} (${verb.replace(/_/g, ' ')})`;
  const words = event.action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const AuditQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Month must be in the form YYYY-MM, e.g. 2026-11.')
    .optional()
    .openapi({ description: 'Shorthand for one calendar month; ignored when from or to is given.', example: '2026-11' }),
  from: z.iso.date({ error: 'From date must be a date like 2026-11-05.' }).optional().openapi({ description: 'First day included (UTC).', example: '2026-11-01' }),
  to: z.iso.date({ error: 'To date must be a date like 2026-11-30.' }).optional().openapi({ description: 'Last day included (UTC).', example: '2026-11-30' }),
  actor: z.string().trim().min(1).max(200).optional().openapi({ description: 'Only this person (their username).' }),
  kind: z
    .enum(Object.keys(AUDIT_KINDS) as [AuditKind, ...AuditKind[]], { error: `Kind must be one of ${Object.keys(AUDIT_KINDS).join(', ')}.` })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional().openapi({ description: 'nextCursor of the previous page.' }),
});

export const AuditEntrySchema = AuditEventSchema.extend({
  summary: z.string().openapi({ description: 'What happened, in plain English, with the name of the thing changed.' }),
  kind: z.string().openapi({ description: 'The kind of change (settings, survey, message, export, geography).' }),
}).openapi('AuditEntry');

const auditRoute = createRoute({
  method: 'get',
  path: '/admin/audit',
  tags: ['admin'],
  summary: "The administrators' audit trail, newest first, filtered by person, kind and dates",
  security: bearerSecurity,
  ...allow('admin'),
  request: { query: AuditQuerySchema },
  responses: {
    200: {
      description: 'Audit events.',
      content: {
        'application/json': {
          schema: z
            .object({
              from: z.string(),
              to: z.string(),
              events: z.array(AuditEntrySchema),
              nextCursor: z.string().nullable(),
              kinds: z.record(z.string(), z.string()).openapi({ description: 'The kinds one can filter by, with their names.' }),
            })
            .openapi('AuditPage'),
        },
      },
    },
    400: errorResponse('A date, the kind, the limit or the page link is malformed.'),
    ...staffErrorResponses,
  },
});

function dateRange(query: { month?: string | undefined; from?: string | undefined; to?: string | undefined }, today: Date): { from: string; to: string } {
  if (!query.from && !query.to && query.month) {
    const [year, month] = query.month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { from: `${query.month}-01`, to: `${query.month}-${String(last).padStart(2, '0')}` };
  }
  const to = query.to ?? today.toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw new BadRequestError('From date must be on or before the to date.', [{ path: ['query', 'from'], message: 'From date must be on or before the to date.' }]);
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS > MAX_DAYS) {
    throw new BadRequestError('The date range can be at most three years; choose a shorter one.', [{ path: ['query', 'from'], message: 'From date must be within three years of the to date.' }]);
  }
  return { from, to };
}

export const staffAuditRoutes = createRouter().openapi(auditRoute, async (c) => {
  const query = c.req.valid('query');
  const { from, to } = dateRange(query, new Date());
  const { repositories } = c.var.deps;
  const page = await repositories.audit.list({ from, to, actor: query.actor, kind: query.kind, limit: query.limit, cursor: query.cursor });
  const lookup = nameLookup(repositories);
  const events = await Promise.all(page.events.map(async (event) => ({ ...event, kind: event.action.split('.')[0] ?? '', summary: await describeAuditEvent(event, lookup) })));
  return c.json({ from, to, events, nextCursor: page.nextCursor, kinds: AUDIT_KINDS }, 200);
});
