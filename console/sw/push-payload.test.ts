import { describe, expect, it } from 'vitest';
import { actionFailureText, notificationFor, offerActionOf, offerDataOf, parsePushPayload, timeToAnswer, type OfferPush } from './push-payload';

const offer = {
  v: 1,
  kind: 'offer',
  offerId: 'off_1',
  title: 'Hot lead: Ada Lovelace',
  body: 'Acme · Pricing page twice · asked for a call',
  expiresAt: 1_765_000_060_000,
  token: 'tok_abc',
  url: '/console/#/leads/lead_1',
};

describe('parsePushPayload', () => {
  it('reads the contract offer, close and notice', () => {
    const { v: _v, ...fields } = offer;
    expect(parsePushPayload(JSON.stringify(offer))).toEqual(fields);
    expect(parsePushPayload('{"v":1,"kind":"close","offerId":"off_1"}')).toEqual({ kind: 'close', offerId: 'off_1' });
    expect(
      parsePushPayload(JSON.stringify({ v: 1, kind: 'notice', tag: 'followup:lead_2', title: 'Follow-up due', body: 'Call Grace', url: '/console/' })),
    ).toEqual({
      kind: 'notice',
      tag: 'followup:lead_2',
      title: 'Follow-up due',
      body: 'Call Grace',
      url: '/console/',
    });
  });

  it('ignores what is no message of ours', () => {
    for (const raw of [null, '', 'not json', '42', '"text"', '[]', '{}', '{"kind":"close"}', '{"kind":"notice","title":""}'])
      expect(parsePushPayload(raw)).toBeNull();
  });

  it('shows an offer without its token as a notice that opens the console, never with buttons', () => {
    const { token: _token, ...noToken } = offer;
    expect(parsePushPayload(JSON.stringify(noToken))).toEqual({
      kind: 'notice',
      tag: 'offer:off_1',
      title: 'Hot lead: Ada Lovelace',
      body: offer.body,
      url: offer.url,
    });
  });

  it('opens only console addresses, whatever the payload names', () => {
    for (const url of ['https://evil.example/', '//evil.example/console/', 'javascript:alert(1)', '/v1/console/me', 42]) {
      const parsed = parsePushPayload(JSON.stringify({ ...offer, url }));
      expect(parsed?.kind === 'offer' && parsed.url).toBe('/console/');
    }
  });
});

describe('notificationFor', () => {
  it('gives an offer its tag, Accept and Decline, its token and link, and keeps it on screen', () => {
    const { title, options } = notificationFor(parsePushPayload(JSON.stringify(offer)) as OfferPush, offer.expiresAt - 44_200);
    expect(title).toBe('Hot lead: Ada Lovelace');
    expect(options).toMatchObject({
      body: `${offer.body}\n45 s to answer`,
      tag: 'offer:off_1',
      requireInteraction: true,
      timestamp: offer.expiresAt,
      data: { offerId: 'off_1', token: 'tok_abc', url: offer.url, expiresAt: offer.expiresAt },
      actions: [
        { action: 'accept', title: 'Accept' },
        { action: 'decline', title: 'Decline' },
      ],
    });
  });

  it('gives a notice no buttons and no token', () => {
    const { options } = notificationFor({ kind: 'notice', tag: 'callback:l1', title: 'Callback due', body: '', url: '/console/' });
    expect(options).not.toHaveProperty('actions');
    expect(offerDataOf(options.data)).toBeNull();
  });
});

describe('a click on the notification', () => {
  it('answers only with Accept or Decline; the body opens the console', () => {
    expect(offerActionOf('accept')).toBe('accept');
    expect(offerActionOf('decline')).toBe('decline');
    expect(offerActionOf('')).toBeNull();
    expect(offerActionOf('snooze')).toBeNull();
  });

  it('reads the token back from what the worker stored', () => {
    const { options } = notificationFor(parsePushPayload(JSON.stringify(offer)) as OfferPush);
    expect(offerDataOf(options.data)).toEqual({ offerId: 'off_1', token: 'tok_abc', url: offer.url, expiresAt: offer.expiresAt });
    expect(offerDataOf({ offerId: 'off_1' })).toBeNull();
  });

  it('tells the rep why an answer failed', () => {
    expect(actionFailureText(409, 'accept')).toBe('Already taken or expired');
    expect(actionFailureText(401, 'accept')).toBe('This alert has expired');
    expect(actionFailureText(0, 'accept')).toBe('Could not accept: open the console to take it');
    expect(actionFailureText(500, 'decline')).toBe('Could not decline: open the console');
  });
});

describe('timeToAnswer', () => {
  it('counts whole seconds up (a rep is never told less time than there is), minutes past two, and says when it is up', () => {
    expect(timeToAnswer(45_000, 0)).toBe('45 s to answer');
    expect(timeToAnswer(45_000, 1)).toBe('45 s to answer');
    expect(timeToAnswer(45_000, 44_001)).toBe('1 s to answer');
    expect(timeToAnswer(180_000, 0)).toBe('3 min to answer');
    expect(timeToAnswer(45_000, 45_000)).toBe('Time to answer is up');
  });
});
