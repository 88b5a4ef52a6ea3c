import { TOPIC_LABELS, TOPICS } from '@wardpulse/domain';
import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '../strings/i18n.ts';
import { postcodeExample } from '../postcode-example.ts';
import { characterCount, linkSearch, paragraphs, ratingFromQuery, recipientTokenFromQuery, sentDate, shareLinks, shareUrl, toggle, uuidFromBytes, withoutParams } from './helpers.ts';
import { ApiError } from '../../shared/api.ts';
import { engagementKey, isRetryable } from './engagement.ts';
import { messagesRoute } from './paths.ts';
import { signupProblems, tokenFromQuery } from './signup.ts';
import { MESSAGES_CATALOGUE, messagesTranslator, topicLabel } from '../strings/messages.ts';

const t = messagesTranslator('en');

describe('message page addresses', () => {
  it('routes the message, sign-up and e-mail link pages, and leaves the rest to the other areas', () => {
    expect(messagesRoute('/m/msg_01H2X')).toEqual({ page: 'message', id: 'msg_01H2X' });
    expect(messagesRoute('/m/abc/')).toEqual({ page: 'message', id: 'abc' });
    expect(messagesRoute('/m/abc/def')).toEqual({ page: 'not-found' });
    expect(messagesRoute('/signup')).toEqual({ page: 'signup' });
    expect(messagesRoute('/signup/confirm')).toEqual({ page: 'confirm' });
    expect(messagesRoute('/signup/manage/')).toEqual({ page: 'manage' });
    expect(messagesRoute('/unsubscribe')).toEqual({ page: 'unsubscribe' });
    expect(messagesRoute('/')).toBeNull();
    expect(messagesRoute('/s/your-priorities')).toBeNull();
    expect(messagesRoute('/messages')).toBeNull();
  });

  it('takes the e-mail star link’s rating only when it is a whole number from 1 to 5', () => {
    expect(ratingFromQuery('?r=tok&rate=4')).toBe(4);
    expect(['?rate=0', '?rate=6', '?rate=4.5', '?rate=four', '?rate=', ''].map(ratingFromQuery)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('drops the rating from the address but keeps the recipient token', () => {
    expect(withoutParams('?r=abc.def&rate=5', 'rate')).toBe('?r=abc.def');
    expect(withoutParams('?rate=5', 'rate')).toBe('');
    expect(recipientTokenFromQuery('?r=abc.def&rate=5')).toBe('abc.def');
    expect(recipientTokenFromQuery('?r=')).toBeUndefined();
    expect(recipientTokenFromQuery(`?r=${'x'.repeat(201)}`)).toBeUndefined();
  });

  it('reads an e-mail link’s parameters from its fragment, and from the query of links sent before', () => {
    expect(linkSearch('', '#r=abc.def&rate=5')).toBe('?r=abc.def&rate=5');
    expect(tokenFromQuery(linkSearch('', '#token=a.b.c'))).toBe('a.b.c');
    expect(tokenFromQuery(linkSearch('?token=old', ''))).toBe('old');
    expect(linkSearch('?lang=pl&token=old', '#token=new')).toBe('?lang=pl&token=new');
    expect(linkSearch('', '')).toBe('');
  });

  it('reads the signed token of a sign-up link', () => {
    expect(tokenFromQuery('?token=a.b.c')).toBe('a.b.c');
    expect(tokenFromQuery('?token=')).toBeNull();
    expect(tokenFromQuery('')).toBeNull();
  });
});

describe('sharing', () => {
  it('shares the message alone, never the recipient token, with each channel’s own link', () => {
    const url = shareUrl('https://wardpulse.example', 'msg 1');

    const links = shareLinks(url, 'Car crime & you');

    expect(url).toBe('https://wardpulse.example/m/msg%201');
    expect(links.whatsapp).toBe('https://wa.me/?text=Car%20crime%20%26%20you%20https%3A%2F%2Fwardpulse.example%2Fm%2Fmsg%25201');
    expect(links.facebook).toBe('https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwardpulse.example%2Fm%2Fmsg%25201');
    expect(links.x).toBe('https://x.com/intent/post?text=Car%20crime%20%26%20you&url=https%3A%2F%2Fwardpulse.example%2Fm%2Fmsg%25201');
  });
});

describe('message text', () => {
  it('splits paragraphs at blank lines and keeps single line breaks', () => {
    expect(paragraphs('First line\nsame paragraph\n\n\r\nSecond.\n  \n')).toEqual(['First line\nsame paragraph', 'Second.']);
    expect(paragraphs('   ')).toEqual([]);
  });

  it('counts characters left and over, in words', () => {
    expect(characterCount('', 2000)).toEqual({ over: false, n: 2000 });
    expect(t.plural('charsLeft', characterCount('', 2000).n)).toBe('You have 2,000 characters remaining');
    expect(t.plural('charsLeft', characterCount('abc', 4).n)).toBe('You have 1 character remaining');
    expect(characterCount('abcdef', 4)).toEqual({ over: true, n: 2 });
    expect(t.plural('charsOver', 2)).toBe('You have 2 characters too many');
    expect(t.plural('stars', 1)).toBe('1 star');
    expect(t.plural('stars', 5)).toBe('5 stars');
  });

  it('dates a message in en-GB, in UK time, or in the page’s language', () => {
    expect(sentDate('2026-06-02T23:30:00Z')).toBe('3 June 2026');
    expect(sentDate('2026-06-02T12:00:00Z', 'pl')).toBe('2 czerwca 2026');
    expect(sentDate(null)).toBeNull();
  });

  it('makes version 4 UUIDs from random bytes', () => {
    const id = uuidFromBytes(new Uint8Array(16).fill(255));

    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidFromBytes(new Uint8Array(16))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('sign-up form', () => {
  const valid = { email: 'sam@example.com', mode: 'postcode' as const, postcode: 'b66 1aa', wardCodes: [], topics: ['burglary' as const] };
  const example = postcodeExample('ZZ30AB');

  it('accepts an address, a postcode and a topic', () => {
    expect(signupProblems(valid, t, example)).toEqual([]);
    expect(signupProblems({ ...valid, mode: 'wards', postcode: '', wardCodes: ['E05001234'] }, t, example)).toEqual([]);
  });

  it('names each missing or malformed field', () => {
    expect(signupProblems({ email: '', mode: 'postcode', postcode: '', wardCodes: [], topics: [] }, t, example).map((p) => p.field)).toEqual(['email', 'postcode', 'topics']);
    expect(signupProblems({ ...valid, email: 'sam@example' }, t, example)[0]?.text).toBe('Enter an e-mail address in the correct format, like name@example.com');
    expect(signupProblems({ ...valid, mode: 'wards' }, t, example)).toEqual([{ field: 'wards', text: 'Select at least one ward' }]);
  });

  it('gives the force’s own postcode as the example, or none when it has none', () => {
    expect(example).toEqual({ postcode: 'ZZ3 0AB', outward: 'ZZ3' });
    expect(signupProblems({ ...valid, postcode: 'B66' }, t, example)[0]?.text).toBe('Enter a full postcode, like ZZ3 0AB');
    expect(signupProblems({ ...valid, postcode: 'B66' }, t, null)[0]?.text).toBe('Enter your full postcode, both parts');
    expect(postcodeExample('not a postcode')).toBeNull();
    expect(postcodeExample(null)).toBeNull();
  });

  it('words the problems in the resident’s language', () => {
    const ur = messagesTranslator('ur');

    expect(signupProblems({ ...valid, topics: [] }, ur, example)).toEqual([{ field: 'topics', text: 'کم از کم ایک موضوع منتخب کریں' }]);
    expect(signupProblems({ ...valid, postcode: 'B66' }, messagesTranslator('pl'), example)[0]?.text).toBe('Wpisz pełny kod pocztowy, np. ZZ3 0AB');
  });

  it('says which address is never shared: the e-mail address', () => {
    expect(t('useNoPostcode')).toContain('never share your e-mail address');
  });

  it('words each topic in English as the domain does', () => {
    expect(Object.fromEntries(TOPICS.map((topic) => [topic, topicLabel(t, topic)]))).toEqual(TOPIC_LABELS);
  });

  it('ticks and unticks checkbox values', () => {
    expect(toggle(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggle(['a'], 'a', true)).toEqual(['a']);
  });
});

describe('engagement on the phone', () => {
  const rater = { deviceId: '8f0c6a52-3c43-4c39-9a43-0e0a4d3f9b11' };

  it('keeps one queued rating per message, and each reply and share apart', () => {
    expect(engagementKey({ kind: 'rating', messageId: 'm1', stars: 4, rater })).toBe(engagementKey({ kind: 'rating', messageId: 'm1', stars: 2, rater }));
    expect(engagementKey({ kind: 'reply', messageId: 'm1', reply: { id: 'r1', text: 'a' }, rater })).not.toBe(engagementKey({ kind: 'reply', messageId: 'm1', reply: { id: 'r2', text: 'a' }, rater }));
    expect(engagementKey({ kind: 'share', messageId: 'm1', share: { id: 's1', channel: 'copy' }, rater })).toBe('engagement:share:m1:s1');
  });

  it('retries when offline or the server is busy, and gives up on a refusal', () => {
    expect([0, 408, 429, 500, 503].map((status) => isRetryable(new ApiError(status, 'x', 'x')))).toEqual([true, true, true, true, true]);
    expect([400, 404, 409, 422].map((status) => isRetryable(new ApiError(status, 'x', 'x')))).toEqual([false, false, false, false]);
    expect(isRetryable(new Error('boom'))).toBe(false);
  });
});

describe('the message pages’ catalogue', () => {
  it('has every English key, plural form and placeholder in Urdu and Polish', () => {
    expect(catalogueProblems(MESSAGES_CATALOGUE.en, MESSAGES_CATALOGUE.translations)).toEqual([]);
  });

  it('translates the frame, not falling back to English', () => {
    const { en, translations } = MESSAGES_CATALOGUE;
    for (const [locale, dictionary] of Object.entries(translations)) {
      // Brand names and "E-mail" may match English; whole sentences must not.
      const same = Object.entries(en).filter(([key, text]) => typeof text === 'string' && text.includes(' ') && (dictionary as Record<string, unknown>)[key] === text);
      expect(same.map(([key]) => key), locale).toEqual([]);
    }
  });
});
