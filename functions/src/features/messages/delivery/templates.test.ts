import { describe, expect, it } from 'vitest';
import { renderConfirmationMail, renderMessageMail, subjectLine, unsubscribeHeaders } from './templates.ts';

const links = { page: 'https://w.test/m/1#r=t', rate: (n: number) => `https://w.test/m/1#r=t&rate=${n}`, manage: 'https://w.test/signup/manage#token=m', unsubscribe: 'https://w.test/unsubscribe#token=u' };

describe('message e-mail', () => {
  it('gives each of the three parts a heading, escapes what officers wrote, and says it all again in text', () => {
    const mail = renderMessageMail({
      message: { id: '1', title: 'Scams <b>alert</b>', concern: 'Calls claiming to be the bank.\n\nThey ask for codes.', action: 'We are tracing the callers.', advice: 'Hang up & call 159.', link: { url: 'https://example.org/scams', label: 'Scam advice' } },
      forceName: 'Demo Police',
      wardName: 'Abbey',
      topics: ['scams'],
      links,
    });

    expect(mail.subject).toBe('Scams <b>alert</b>');
    expect(mail.html).toContain('<html lang="en-GB">');
    expect(mail.html).toContain('<h1>Scams &lt;b&gt;alert&lt;/b&gt;</h1>');
    expect(mail.html).toContain('<h2>What’s happening</h2>\n<p>Calls claiming to be the bank.</p>\n<p>They ask for codes.</p>');
    expect(mail.html).toContain('<p>Hang up &amp; call 159.</p>');
    expect(mail.html).toContain('<a href="https://w.test/m/1#r=t&amp;rate=5"><span aria-hidden="true">★★★★★</span> 5 stars: very useful</a>');
    expect(mail.text).toContain('What you can do\n---------------\nHang up & call 159.');
    expect(mail.text).toContain('1 star (not useful at all): https://w.test/m/1#r=t&rate=1');
    expect(mail.text).toContain('You get this because you signed up for messages from Demo Police about Abbey (scams and fraud).');
    expect(mail.text).toContain('Unsubscribe: https://w.test/unsubscribe#token=u');
  });

  it('keeps every subject on one line, whatever line breaks the title or force name hold', () => {
    const message = renderMessageMail({ message: { id: '1', title: 'Road closed\r\nBcc: everyone@example.com', concern: 'x', action: '', advice: '' }, forceName: 'P', wardName: 'W', topics: [], links });
    const confirmation = renderConfirmationMail({ forceName: 'Demo\nPolice\u2028Force', wardNames: ['Abbey'], topics: ['asb'], confirmUrl: 'https://w.test/c', days: 7 });

    expect(message.subject).toBe('Road closed Bcc: everyone@example.com');
    expect(confirmation.subject).toBe('Confirm your community messages from Demo Police Force');
    expect(subjectLine('\tTabbed\u0085title ')).toBe('Tabbed title');
  });

  it('leaves out a part that was left empty (legacy-style messages)', () => {
    const mail = renderMessageMail({ message: { id: '1', title: 'Notice', concern: 'Road closed.', action: '', advice: '' }, forceName: 'P', wardName: 'W', topics: [], links });

    expect([...mail.html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual(['What’s happening', 'Was this message useful?']);
  });
});

describe('confirmation e-mail and headers', () => {
  it('names the wards and topics asked for and the link', () => {
    const mail = renderConfirmationMail({ forceName: 'Demo Police', wardNames: ['Abbey', 'Brook'], topics: ['burglary', 'asb'], confirmUrl: 'https://w.test/signup/confirm#token=c', days: 7 });

    expect(mail.text).toContain('about burglary and anti-social behaviour in Abbey and Brook');
    expect(mail.html).toContain('<a href="https://w.test/signup/confirm#token=c">Yes, send me community messages</a>');
  });

  it('offers the one-click URL first and the mailto only when there is a mailbox', () => {
    expect(unsubscribeHeaders('https://w.test/api/public/unsubscribe?token=u', 'unsub@w.test')).toEqual({
      'List-Unsubscribe': '<https://w.test/api/public/unsubscribe?token=u>, <mailto:unsub@w.test?subject=unsubscribe>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribeHeaders('https://w.test/u')['List-Unsubscribe']).toBe('<https://w.test/u>');
  });
});
