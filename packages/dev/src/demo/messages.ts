/**
 * Demo community messages for `pnpm dev`: 50 messages to the demo wards over the last six months,
 * the earlier half in the legacy style (long, jargon-heavy) and the later half in the three-part
 * style, with synthetic engagement written as aggregates so the KPI dashboard shows a before/after
 * shift like the WMNow pilot's. Every title says "(synthetic demo)"; every figure is generated
 * here from a fixed seed. Readability is measured on the actual text, never made up.
 */
import { createHash } from 'node:crypto';
import { scoreSentiment } from '@wardpulse/analytics';
import type { Repositories, StoredReply } from '@wardpulse/data';
import { measureReadability, type Counters, type Message, type MessageContent, type ShareChannel, type Topic } from '@wardpulse/domain';
import { followUpReasons } from '@wardpulse/functions/features/messages/engagement/follow-up';
import { random } from './random.ts';

const ACTOR = 'demo-seed';
export const DEMO_MESSAGE_COUNT = 50;
const LABEL = '(synthetic demo)';

/** A stable UUID (v4 layout) from a name, so seeding twice finds the same messages. */
export function demoId(name: string): string {
  const hex = createHash('sha256').update(`wardpulse-demo#${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Text = (ward: string) => Omit<MessageContent, 'link' | 'image'>;

/** Legacy style: how many force messages read before the pilot's redesign. */
const LEGACY: Partial<Record<Topic, Text>> = {
  asb: (ward) => ({
    title: `${LABEL} Reports of ASB - ${ward} - Update`,
    concern: `Officers were in attendance at ${ward} following reports of ASB by a group of youths near the shopping parade. Residents reported that the group were causing alarm and distress to members of the public and shop staff.`,
    action: 'The NPT has conducted high-visibility patrols of the locality and a dispersal order was authorised. Proactive patrols will continue to be conducted by officers and PCSOs during the evenings.',
    advice: 'Should you have information in relation to this matter, please contact police via 101 quoting the relevant log number, or Crimestoppers anonymously.',
  }),
  burglary: (ward) => ({
    title: `${LABEL} Dwelling burglaries - ${ward}`,
    concern: `Police are investigating a series of dwelling burglaries reported in the ${ward} area over the past fortnight. Offenders have gained entry via insecure rear doors and have removed jewellery, electronic devices and vehicle keys.`,
    action: 'Enquiries are ongoing and CID have been made aware. House-to-house enquiries have been conducted and additional patrols have been deployed to the area in order to deter further offences.',
    advice: 'Residents are advised to ensure that all doors and windows are secured at all times and that valuables are not left on display. Any suspicious activity should be reported to police without delay.',
  }),
  road_safety: (ward) => ({
    title: `${LABEL} Speed enforcement operation - ${ward}`,
    concern: `A number of complaints have been received from residents in relation to the manner of driving of motorists on the main road through ${ward}. Officers were in attendance with speed detection equipment.`,
    action: 'A number of drivers were stopped and dealt with by way of FPN. Further enforcement activity will be undertaken by the NPT in partnership with the local authority on a proactive basis.',
    advice: 'Motorists are reminded that the speed limit in residential areas is 30mph unless otherwise indicated. Concerns regarding road safety should be reported to police via the usual channels.',
  }),
  scams: (ward) => ({
    title: `${LABEL} Courier fraud warning - ${ward}`,
    concern: `Police have received reports of residents of ${ward} being contacted by telephone by individuals purporting to be from their bank or from the police. Victims have been requested to transfer monies into a so-called safe account.`,
    action: 'Enquiries are being conducted in order to identify the offenders responsible. The matter has been referred to the fraud unit and safeguarding visits have been conducted by officers.',
    advice: 'Neither the police nor banks will ever request that monies are transferred or that PIN numbers are disclosed. Any such calls should be terminated and reported to Action Fraud.',
  }),
  vehicle_crime: (ward) => ({
    title: `${LABEL} Theft from motor vehicles - ${ward}`,
    concern: `A number of theft from motor vehicle offences have been reported in the ${ward} area during the hours of darkness. Offenders have targeted vehicles parked on driveways and removed items left on display.`,
    action: 'Officers have conducted patrols and enquiries are ongoing in relation to the offences. CCTV has been obtained and intelligence will be developed in order to identify those responsible.',
    advice: 'Vehicle owners are advised to ensure that vehicles are secured at all times and that no items are left on display. Persons observed acting suspiciously should be reported to police.',
  }),
  drugs: (ward) => ({
    title: `${LABEL} Drugs warrant executed - ${ward}`,
    concern: `Intelligence has been received in relation to suspected drug dealing activity in the vicinity of the park in ${ward}. Residents have reported vehicles attending the area for short periods of time.`,
    action: 'A warrant was executed at an address in the locality and one male was arrested on suspicion of possession with intent to supply. Further proactive operations are being planned by the NPT.',
    advice: 'Members of the community are encouraged to report any information in relation to drug related activity to police via 101, or anonymously via Crimestoppers.',
  }),
};

/** Three-part style: the key concern, what the police are doing, what you can do — in plain words. */
const THREE_PART: Partial<Record<Topic, Text>> = {
  asb: (ward) => ({
    title: `${LABEL} Trouble at the shops in ${ward}`,
    concern: `A group of young people has been causing trouble at the shops in ${ward} in the evenings. Staff and shoppers have felt scared.`,
    action: 'We are patrolling the shops every evening this week. We have spoken to the young people and their parents.',
    advice: 'If it happens again, call 101 or report it online. Call 999 if someone is in danger.',
  }),
  burglary: (ward) => ({
    title: `${LABEL} Break-ins at homes in ${ward}`,
    concern: `Five homes in ${ward} have been broken into in the last two weeks. The burglars got in through back doors that were not locked.`,
    action: 'Detectives are looking for the people who did it. We have extra officers on patrol in the area at night.',
    advice: 'Lock your back door, even when you are at home. Keep keys away from the letterbox. Tell us about anyone acting oddly on 101.',
  }),
  road_safety: (ward) => ({
    title: `${LABEL} Speeding on the main road in ${ward}`,
    concern: `People living on the main road in ${ward} told us drivers are going too fast.`,
    action: 'We checked speeds last week and stopped 14 drivers. We will keep checking with the council.',
    advice: 'Please stick to 30 mph. Tell us on our website where speeding worries you.',
  }),
  scams: (ward) => ({
    title: `${LABEL} Fake bank calls in ${ward}`,
    concern: `People in ${ward} have had calls from someone pretending to be their bank or the police. The caller asks them to move money to a "safe account".`,
    action: 'We are tracing the callers. Officers have visited people who lost money to help them.',
    advice: 'Your bank and the police will never ask you to move money. Hang up, wait five minutes, then call your bank on the number on your card.',
  }),
  vehicle_crime: (ward) => ({
    title: `${LABEL} Things stolen from cars in ${ward}`,
    concern: `Thieves have been taking things from cars parked on drives and streets in ${ward} at night.`,
    action: 'We are looking at camera footage and we are out on patrol at night.',
    advice: 'Lock your car and take bags, coats and chargers out of it. Call 101 if you see someone trying car doors.',
  }),
  drugs: (ward) => ({
    title: `${LABEL} Drug dealing near the park in ${ward}`,
    concern: `You told us about drug dealing near the park in ${ward}. Cars stop for a few minutes and packages change hands.`,
    action: 'We searched a house nearby on Tuesday and arrested a man. We will keep working on this.',
    advice: 'Keep telling us what you see. Call 101, or call Crimestoppers on 0800 555 111 if you do not want to give your name.',
  }),
};

const TOPICS = Object.keys(THREE_PART) as Topic[];

const REPLIES = {
  positive: ['Thank you for letting us know, really helpful.', 'Great to see officers out on patrol, thanks.', 'Thanks, this is clear and useful.', 'Good work, I feel safer knowing this.'],
  neutral: ['Which roads does this cover?', 'Is there a meeting about this?', 'I live on the next street along.', 'Noted, I will pass this on to my neighbours.'],
  negative: [
    'This has been going on for months and nothing changes.',
    'Not good enough, we never see anyone round here.',
    'I reported this weeks ago and heard nothing back. Can someone call me?',
    'It is getting worse and I am scared to go out at night.',
  ],
};

/** Engagement rates per recipient, chosen so the demo shows a pilot-like shift (≈70 % → 95 % satisfied, interaction +20 %, shares +43 %). */
const RATES = {
  legacy: { view: 0.55, rate: 0.115, reply: 0.03, share: 0.03, stars: [0.08, 0.1, 0.12, 0.35, 0.35], replyMood: [0.25, 0.35, 0.4] },
  'three-part': { view: 0.62, rate: 0.145, reply: 0.036, share: 0.045, stars: [0.01, 0.015, 0.025, 0.25, 0.7], replyMood: [0.6, 0.3, 0.1] },
} as const;
const CHANNELS: readonly [ShareChannel, number][] = [
  ['whatsapp', 0.4],
  ['facebook', 0.25],
  ['copy', 0.15],
  ['native', 0.12],
  ['x', 0.05],
  ['email', 0.03],
];

const DAY_MS = 86_400_000;

function pickWeighted<T>(rnd: () => number, items: readonly (readonly [T, number])[]): T {
  let roll = rnd();
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items.at(-1)![0];
}

const binomial = (rnd: () => number, n: number, p: number) => {
  let count = 0;
  for (let i = 0; i < n; i++) if (rnd() < p) count++;
  return count;
};

interface DemoMessage {
  message: Message;
  aggregates: Map<string, Counters>;
  replies: StoredReply[];
}

function add(counters: Counters, name: string, by = 1) {
  counters[name] = (counters[name] ?? 0) + by;
}

const sentiments = new Map<string, ReturnType<typeof scoreSentiment>>();
const scored = (text: string) => {
  let found = sentiments.get(text);
  if (!found) sentiments.set(text, (found = scoreSentiment(text)));
  return found;
};

/** Builds the 50 demo messages, their ward aggregates and replies. Pure and deterministic for a given `now`. */
export function buildDemoMessages(wards: readonly { code: string; name: string }[], now: Date): DemoMessage[] {
  const rnd = random(4242);
  const out: DemoMessage[] = [];
  const half = DEMO_MESSAGE_COUNT / 2;
  for (let index = 0; index < DEMO_MESSAGE_COUNT; index++) {
    const style = index < half ? ('legacy' as const) : ('three-part' as const);
    const topic = TOPICS[index % TOPICS.length]!;
    const first = Math.floor(rnd() * wards.length);
    const count = 3 + Math.floor(rnd() * 5);
    const targets = Array.from({ length: count }, (_, k) => wards[(first + k * 5) % wards.length]!).filter((w, k, all) => all.findIndex((x) => x.code === w.code) === k);
    const wardName = targets[0]!.name.replace(/ \(demo\)$/, '');
    const content = (style === 'legacy' ? LEGACY : THREE_PART)[topic]!(wardName);
    // Legacy messages over 180–95 days ago, three-part ones over 85–2 days ago.
    const daysAgo = style === 'legacy' ? 180 - ((index * 85) / half + rnd() * 3) : 85 - (((index - half) * 83) / half + rnd() * 2);
    const sentAt = new Date(now.getTime() - daysAgo * DAY_MS);
    sentAt.setUTCHours(9 + Math.floor(rnd() * 8), Math.floor(rnd() * 60), 0, 0);
    const id = demoId(`message-${index}`);
    const rates = RATES[style];
    const aggregates = new Map<string, Counters>();
    const replies: StoredReply[] = [];
    let recipients = 0;
    let sharesTotal = 0;
    const rate = (counters: Counters) => {
      const stars = pickWeighted(rnd, rates.stars.map((p, k) => [k + 1, p] as const));
      add(counters, 'ratings');
      add(counters, `r${stars}`);
      add(counters, 'stars', stars);
    };
    for (const ward of targets) {
      const counters: Counters = {};
      const people = 120 + Math.floor(rnd() * 220);
      recipients += people;
      counters.recipients = people;
      counters.views = binomial(rnd, people, rates.view);
      for (let k = binomial(rnd, people, rates.rate); k > 0; k--) rate(counters);
      for (let k = binomial(rnd, people, rates.reply); k > 0; k--) {
        const mood = pickWeighted(rnd, [['positive', rates.replyMood[0]], ['neutral', rates.replyMood[1]], ['negative', rates.replyMood[2]]] as const);
        const text = REPLIES[mood][Math.floor(rnd() * REPLIES[mood].length)]!;
        const sentiment = scored(text);
        const reasons = followUpReasons(text, sentiment);
        const reply: StoredReply = {
          id: demoId(`reply-${index}-${replies.length}`),
          messageId: id,
          rater: `demo-rater-${index}-${replies.length}`,
          wardCode: ward.code,
          text,
          sentiment,
          needsFollowUp: reasons.length > 0,
          followUpReasons: reasons,
          receivedAt: new Date(sentAt.getTime() + (1 + rnd() * 47) * 3_600_000).toISOString(),
        };
        replies.push(reply);
        add(counters, 'replies');
        add(counters, `s#${sentiment.label}`);
        add(counters, 's#sum', Math.round(sentiment.score * 1000) / 1000);
        if (reply.needsFollowUp) add(counters, 'followups');
      }
      for (let k = binomial(rnd, people, rates.share); k > 0; k--) {
        add(counters, 'shares');
        add(counters, `sh#${pickWeighted(rnd, CHANNELS)}`);
        sharesTotal++;
      }
      aggregates.set(ward.code, counters);
    }
    // People reached by shared links: views and a few ratings from devices, in the `none` bucket.
    const none: Counters = { views: sharesTotal * 3 };
    for (let k = binomial(rnd, sharesTotal, 0.3); k > 0; k--) rate(none);
    aggregates.set('none', none);

    const at = sentAt.toISOString();
    const message: Message = {
      ...content,
      id,
      status: 'sent',
      targeting: { scope: { scope: 'wards', codes: targets.map((w) => w.code) }, topics: [topic] },
      readability: measureReadability(content),
      style,
      createdBy: ACTOR,
      createdAt: new Date(sentAt.getTime() - DAY_MS / 4).toISOString(),
      updatedAt: at,
      sentAt: at,
      progress: { audience: recipients, sent: recipients, failed: 0, suppressed: 0 },
      revision: 3,
    };
    out.push({ message, aggregates, replies });
  }
  return out;
}

/**
 * Writes the demo messages once. Idempotent: messages that exist are left alone (their
 * aggregates are written whole with them, never added to), so running `dev` again changes nothing.
 */
export async function seedDemoMessages(repositories: Repositories, now = new Date()): Promise<{ created: number }> {
  const vintage = await repositories.geography.currentVintage();
  const wards = vintage ? await repositories.geography.listWards(vintage) : [];
  if (wards.length === 0) return { created: 0 };
  const demo = buildDemoMessages(wards, now);
  const existing = new Set((await repositories.messages.list()).map((m) => m.id));
  const missing = demo.filter((item) => !existing.has(item.message.id));
  if (missing.length === 0) return { created: 0 };
  const { retentionDays } = await repositories.settings.get();
  const expiresAt = Math.floor(now.getTime() / 1000) + retentionDays * 86_400;
  // Engagement first, messages last: a seed stopped half-way is completed by the next run.
  await repositories.messageEngagement.putAggregates(missing.map((item) => ({ messageId: item.message.id, byWard: item.aggregates })));
  await repositories.messageEngagement.putReplies(missing.flatMap((item) => item.replies), expiresAt);
  const queue = [...missing];
  let created = 0;
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      await repositories.messages.create(item.message);
      created++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { created };
}
