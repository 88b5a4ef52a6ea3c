import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { MailError, type MailFailureKind, type MailSender, type OutgoingMail } from './mail-sender.ts';

export interface SesMailSenderOptions {
  /** A verified SES identity, e.g. `"Neighbourhood Policing" <messages@example-police.uk>`. */
  from: string;
  /** Routes bounce and complaint events to the suppression handler; set in AWS. */
  configurationSet?: string | undefined;
}

const THROTTLED = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException', 'Throttling']);
const REJECTED = new Set(['MessageRejected', 'BadRequestException']);
const FATAL = new Set(['AccountSuspendedException', 'SendingPausedException', 'MailFromDomainNotVerifiedException', 'NotFoundException', 'AccessDeniedException']);

/** What an SES (or transport) failure means for the e-mail: see MailFailureKind. */
export function classifySesError(error: unknown): MailFailureKind {
  if (!(error instanceof Error)) return 'uncertain';
  if (THROTTLED.has(error.name)) return 'throttled';
  if (REJECTED.has(error.name)) return 'rejected';
  if (FATAL.has(error.name)) return 'fatal';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // SES answered with an error we do not know: it did not take the e-mail; treat it as passing.
  if (typeof status === 'number') return status >= 500 || status === 429 ? 'throttled' : 'rejected';
  // No answer at all (timeout, connection reset): SES may have taken it.
  return 'uncertain';
}

/**
 * Amazon SES v2 `SendEmail` with a configuration set, so bounces and complaints reach the
 * suppression handler. The client must not retry on its own (`maxAttempts: 1`): a retried timeout
 * could send an e-mail twice; the send job retries throttling itself and knows what was sent.
 */
export class SesMailSender implements MailSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly options: SesMailSenderOptions,
  ) {}

  /** A client set up for this sender: one attempt per call. */
  static client(region: string): SESv2Client {
    return new SESv2Client({ region, maxAttempts: 1 });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    try {
      const result = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.options.from,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } },
              Headers: Object.entries(mail.headers).map(([Name, Value]) => ({ Name, Value })),
            },
          },
          ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
          ...(mail.tags ? { EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name, Value })) } : {}),
        }),
      );
      if (!result.MessageId) throw new MailError('uncertain', 'SES answered without a message id');
      return { messageId: result.MessageId };
    } catch (error) {
      if (error instanceof MailError) throw error;
      const kind = classifySesError(error);
      throw new MailError(kind, `SES did not send the e-mail (${error instanceof Error ? error.name : 'unknown error'})`, { cause: error });
    }
  }
}
