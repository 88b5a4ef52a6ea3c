import type { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { MailError } from './mail-sender.ts';
import { classifySesError, SesMailSender } from './ses-mail-sender.ts';

/** A stand-in for the SES client at the SDK boundary: records commands, answers as told. */
function fakeSes(answer: (command: SendEmailCommand) => Promise<unknown>) {
  const sent: SendEmailCommand[] = [];
  const client = { send: (command: SendEmailCommand) => (sent.push(command), answer(command)) } as unknown as SESv2Client;
  return { client, sent };
}

const serviceError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

const mail = { to: 'ann@example.org', subject: 'Subject', html: '<p>Hi</p>', text: 'Hi', headers: { 'List-Unsubscribe': '<https://x.test/u?token=t>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }, tags: { message: 'm-1' } };

describe('SesMailSender', () => {
  it('sends through the configuration set with the unsubscribe headers and tags', async () => {
    const ses = fakeSes(async () => ({ MessageId: '0102-abc' }));
    const sender = new SesMailSender(ses.client, { from: 'Police <messages@example-police.uk>', configurationSet: 'wardpulse-prod' });

    expect(await sender.send(mail)).toEqual({ messageId: '0102-abc' });

    expect(ses.sent[0]!.input).toMatchObject({
      FromEmailAddress: 'Police <messages@example-police.uk>',
      Destination: { ToAddresses: ['ann@example.org'] },
      ConfigurationSetName: 'wardpulse-prod',
      EmailTags: [{ Name: 'message', Value: 'm-1' }],
      Content: {
        Simple: {
          Subject: { Data: 'Subject' },
          Headers: [
            { Name: 'List-Unsubscribe', Value: '<https://x.test/u?token=t>' },
            { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          ],
        },
      },
    });
  });

  it('says whether SES certainly did not take an e-mail, and why', async () => {
    const failing = (error: Error) => new SesMailSender(fakeSes(() => Promise.reject(error)).client, { from: 'a@example.org' });

    await expect(failing(serviceError('TooManyRequestsException', 429)).send(mail)).rejects.toMatchObject({ name: 'MailError', kind: 'throttled' });
    await expect(failing(serviceError('MessageRejected', 400)).send(mail)).rejects.toMatchObject({ kind: 'rejected' });
    await expect(failing(serviceError('SendingPausedException', 400)).send(mail)).rejects.toMatchObject({ kind: 'fatal' });
    await expect(failing(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })).send(mail)).rejects.toMatchObject({ kind: 'uncertain' });
    await expect(failing(serviceError('InternalFailure', 500)).send(mail)).rejects.toBeInstanceOf(MailError);
    expect(classifySesError(serviceError('InternalFailure', 500))).toBe('throttled');
  });
});
