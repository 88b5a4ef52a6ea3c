import { describe, expect, it } from 'vitest';
import { redactText } from './redact.ts';

describe('redactText: e-mail addresses', () => {
  it.each([
    ['Email me at jo.bloggs+police@example.co.uk please', 'Email me at [email] please'],
    ['Contact: J_Smith99@Mail.Example.com.', 'Contact: [email].'],
    ["o'neill@example.org or a-b@example-domain.uk", '[email] or [email]'],
  ])('redacts %j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each(['Follow @ward_panel on X', 'Meet @ 7pm', 'name at example dot com'])('leaves %j', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactText: UK phone numbers', () => {
  it.each([
    '07700 900123',
    '07700900123',
    '07700-900-123',
    '0770 090 0123',
    '07700 900 123',
    '07700.900.123',
    '+44 7700 900123',
    '+447700900123',
    '+44 (0)7700 900123',
    '+44 (0) 7700 900 123',
    '0044 7700 900123',
    '020 7946 0958',
    '020-7946-0958',
    '(020) 7946 0958',
    '(020)79460958',
    '0161 496 0000',
    '0121-496-0000',
    '01632 960123',
    '(01632) 960123',
    '(016977) 3456',
    '0300 123 4567',
    '0345 678 9012',
    '+44 20 7946 0958',
    '+44 (0) 161 496 0000',
    '+44 1632 960123',
  ])('redacts %j', (phone) => {
    expect(redactText(phone)).toBe('[phone]');
    expect(redactText(`Call me on ${phone}, after 6pm.`)).toBe('Call me on [phone], after 6pm.');
  });

  it('redacts several numbers in one text and leaves the words between them', () => {
    expect(redactText('Mobile 07700 900123 or home (0161) 496 0000 - thanks')).toBe('Mobile [phone] or home [phone] - thanks');
  });

  it.each([
    'Ward E05001278 and E05001279',
    'LSOA E01009876',
    'Postcode B70 9AA',
    'SW1A 1AA',
    'WF1 2AB and HX1 1AA',
    'On 01/02/2023 at 10:30',
    'On 01-02-2023 10:30',
    'On 01.02.2023',
    '01 02 2023 10 30',
    '2023-01-02T10:30',
    'Between 09:30-10:30',
    'Between 0100 and 0300',
    'It happened at 0130 on 07/12/2024',
    'Call 101 or 999',
    'In 2019, 2020 and 2021',
    '£1,000,000 spent',
    '0.5 miles away',
    'Crime ref 12345678/24',
    '3 people, 1st time',
    'Freephone 0800 555 111',
    '077009001234 is too long',
    '0161 496 00001 is too long',
    '0770 0900 12 is too short',
  ])('leaves %j', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactText: names', () => {
  it.each([
    ['My name is Sarah Jones and I live on Park Road', 'My name is [name] and I live on Park Road'],
    ['my name is John', 'my name is [name]'],
    ["My name's Priya.", "My name's [name]."],
    ['My name is Mary-Jane McDonald, of Acton', 'My name is [name], of Acton'],
    ["My name is Siobhan O'Brien", 'My name is [name]'],
    ['My name is Dr. Patel', 'My name is [name]'],
    ['My name is J. Smith', 'My name is [name]'],
    ['My name is Zoë Łukasz', 'My name is [name]'],
    ['I am called Tomasz', 'I am called [name]'],
    ["I'm called Ade by everyone", "I'm called [name] by everyone"],
    ["Hi, I'm Sarah and I've lived here 20 years", "Hi, I'm [name] and I've lived here 20 years"],
    ['I’m Dave.', 'I’m [name].'],
    ["I'm Sarah Jones", "I'm [name]"],
    ["Hello, this is Mrs O'Brien from number 12.", 'Hello, this is [name] from number 12.'],
    ['This is Dave, I live opposite the park', 'This is [name], I live opposite the park'],
    ['Speeding is bad. This is Ken speaking', 'Speeding is bad. This is [name] speaking'],
  ])('redacts %j', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    "I'm worried about speeding",
    "I'm not sure",
    "I'm 45 and disabled",
    "I'm British and proud",
    "I'm Muslim and I don't feel safe",
    "I'm Worried.",
    "I'm Black British",
    "I'm Really Worried About Crime",
    'my name is not important',
    'my name is sarah',
    'this is ridiculous',
    'This is Ridiculous!',
    "This is Birmingham's problem",
    'The trouble is this is Park Road we live on',
    'This is Tuesday night every week',
    'I am Worried',
    'Is this Sarah?',
    'The PCSO was Sarah, she was lovely',
  ])('leaves %j', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('redactText: together', () => {
  it('redacts every kind in one answer', () => {
    const text = 'Hi, my name is Amir Khan. Please ring 07700 900123 or email amir.khan@example.com about the van parked on the pavement since 01/05/2024.';

    expect(redactText(text)).toBe('Hi, my name is [name]. Please ring [phone] or email [email] about the van parked on the pavement since 01/05/2024.');
  });

  it('leaves a text with nothing to redact unchanged', () => {
    const text = 'Anti-social behaviour near the shops on Friday nights, ward E05001278.';

    expect(redactText(text)).toBe(text);
  });
});
