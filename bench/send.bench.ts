/**
 * Send-job throughput: one community message to every signed-up resident of the demo force,
 * written to the local outbox (one `.eml` file per e-mail), with the rate limit off, so what is
 * measured is the job itself: audience reading, delivery records and counters in DynamoDB Local
 * (in memory), link signing, rendering and writing e-mails.
 *
 *   pnpm bench:send [--recipients 5000] [--concurrency 4] [--batch 25]
 *
 * Prints e-mails per second; writes bench/results/send.json. Figures are relative to this
 * machine; in AWS the SES rate (14/s at first) is the limit, far below these.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@aws-lambda-powertools/logger';
import { createRepositories } from '@wardpulse/data';
import { ensureTables, startDynamoDbLocal } from '@wardpulse/dev';
import type { Message } from '@wardpulse/domain';
import { seedDemoData } from '@wardpulse/dev';
import { localLinkSecret, OutboxMailSender } from '@wardpulse/functions/messages/delivery';
import { runSendJob } from '@wardpulse/functions/features/messages/send-job';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { recipients: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '4' }, batch: { type: 'string', default: '25' } } });
const recipients = Number(values.recipients);
const concurrency = Number(values.concurrency);
const batchSize = Number(values.batch);

const dynamo = await startDynamoDbLocal();
const outboxDir = mkdtempSync(join(tmpdir(), 'wardpulse-bench-outbox-'));
try {
  await ensureTables(dynamo.endpoint, 'wardpulse');
  const repositories = createRepositories({ endpoint: dynamo.endpoint, tables: { main: 'wardpulse' } });
  let started = performance.now();
  await seedDemoData(repositories, { signups: recipients });
  const seedSeconds = (performance.now() - started) / 1000;

  const now = new Date().toISOString();
  const message: Message = {
    id: randomUUID(),
    title: 'Bench: bike thefts near the station',
    concern: 'Six bikes were stolen from the station racks this week.',
    action: 'Officers are patrolling at rush hour and checking online sales.',
    advice: 'Use a D-lock through the frame and both wheels. Register your bike.',
    status: 'sending',
    targeting: { scope: { scope: 'force' }, topics: [] },
    readability: { fleschReadingEase: 75, fleschKincaidGrade: 5, score: 8, words: 35, sentences: 3, longSentences: 0, passiveVoice: 1, jargon: 0 },
    createdBy: 'bench',
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
  await repositories.messages.create(message);
  const outbox = new OutboxMailSender(outboxDir, 'WardPulse (bench) <messages@wardpulse.localhost>');
  const logger = new Logger({ serviceName: 'wardpulse-bench', logLevel: 'WARN' });

  started = performance.now();
  const outcome = await runSendJob(
    {
      repositories,
      messages: repositories.messages,
      messaging: { linkSecret: localLinkSecret(), publicUrl: 'https://wardpulse.bench', mail: outbox, unsubscribeMailto: 'unsubscribe@wardpulse.bench' },
      logger,
      options: { ratePerSecond: 0, concurrency, batchSize },
    },
    message.id,
  );
  const seconds = (performance.now() - started) / 1000;
  const sent = (await repositories.messages.get(message.id))?.progress;
  const files = readdirSync(outboxDir).filter((name) => name.endsWith('.eml')).length;
  if (outcome !== 'sent' || !sent || files !== sent.sent || sent.sent !== sent.audience) throw new Error(`send did not complete: ${outcome}, ${JSON.stringify(sent)}, ${files} files`);

  const result = {
    at: new Date().toISOString(),
    node: process.version,
    recipients: sent.audience,
    concurrency,
    batchSize,
    rateLimit: 'off',
    seconds: Math.round(seconds * 100) / 100,
    emailsPerSecond: Math.round(sent.sent / seconds),
    outboxFiles: files,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    note: 'DynamoDB Local in memory and .eml files on local disk; SES caps AWS at its account rate (14/s to start).',
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/send.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`send: ${result.recipients} e-mails in ${result.seconds} s = ${result.emailsPerSecond} e-mails/s (concurrency ${concurrency}, batches of ${batchSize}, rate limit off)`);
} finally {
  rmSync(outboxDir, { recursive: true, force: true });
  await dynamo.stop();
}
