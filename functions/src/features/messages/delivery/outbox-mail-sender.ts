import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailError, type MailSender, type OutgoingMail } from './mail-sender.ts';

/** One e-mail in the outbox, as the staff console lists it. */
export interface OutboxEntry {
  file: string;
  to: string;
  subject: string;
  date: string;
}

/** One e-mail read back: its headers and both bodies. */
export interface OutboxMail extends OutboxEntry {
  headers: Record<string, string>;
  text: string;
  html: string;
}

/** Outbox files are named `<ISO time>-<random>.eml`, so names sort by time and cannot climb out of the folder. */
const FILE_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]{8}\.eml$/;

/**
 * The local stand-in for SES: each e-mail is written as one RFC 5322 `.eml` file (built by
 * nodemailer's MailComposer) under `<dataDir>/outbox/`, which any mail client opens and the staff
 * console lists. A file is written whole or not at all (temporary name, then rename), so a crash
 * never leaves half an e-mail and "the file exists" means "it was sent".
 */
export class OutboxMailSender implements MailSender {
  constructor(
    readonly dir: string,
    private readonly from: string,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const messageId = `<${randomUUID()}@outbox.wardpulse.localhost>`;
    const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
    try {
      const raw = await new MailComposer({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, messageId, date: new Date() })
        .compile()
        .build();
      await mkdir(this.dir, { recursive: true });
      const partial = join(this.dir, `.${file}.partial`);
      await writeFile(partial, raw);
      await rename(partial, join(this.dir, file));
    } catch (error) {
      throw new MailError('fatal', `The outbox could not be written (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    return { messageId };
  }

  /** The newest e-mails first. */
  async list(limit = 100): Promise<OutboxEntry[]> {
    const files = (await this.files()).slice(-limit).reverse();
    const mails = await Promise.all(files.map((file) => this.read(file)));
    return mails.flatMap((mail) => (mail ? [{ file: mail.file, to: mail.to, subject: mail.subject, date: mail.date }] : []));
  }

  /** Every `.eml` file name, oldest first. */
  async files(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => FILE_NAME.test(name)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** The e-mail in `file`, or null when there is none by that name. */
  async read(file: string): Promise<OutboxMail | null> {
    const raw = await this.raw(file);
    if (!raw) return null;
    const parsed = await simpleParser(raw);
    const headers = Object.fromEntries(parsed.headerLines.map((line) => [line.key, line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()]));
    return {
      file,
      to: parsed.to ? [parsed.to].flat().map((address) => address.text).join(', ') : '',
      subject: parsed.subject ?? '',
      date: (parsed.date ?? new Date(0)).toISOString(),
      headers,
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
    };
  }

  /** The file's bytes, or null when there is no such e-mail. */
  async raw(file: string): Promise<Buffer | null> {
    if (!FILE_NAME.test(file)) return null;
    try {
      return await readFile(join(this.dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
