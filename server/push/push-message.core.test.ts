import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeMessage, describeLead, noticeMessage, retryAfterMs, retryAt, secondsLeft, topicOf, vapidSubject, verdictOf } from './push-message.core';

const lead = (reasons: Array<[string, number]>, company: string | null = null) => ({
  company,
  siteName: 'Acme website',
  qualification: {
    fit: { status: 'passes' as const, missing: [] },
    score: 80,
    hot: true,
    mql: true,
    rulesVersion: 1,
    reasons: reasons.map(([text, points]) => ({ source: 'rule', text, points })),
  },
  name: 'Ada Lovelace',
});

describe('what a push says', () => {
  it('describes a lead by its company (else its site) and its two strongest reasons', () => {
    expect(
      describeLead(
        lead(
          [
            ['Asked for a callback', 10],
            ['Pricing page twice', 30],
            ['Works at a 51-200 company', 20],
          ],
          'Acme',
        ),
      ),
    ).toBe('Acme · Pricing page twice · Works at a 51-200 company');
    expect(describeLead(lead([]))).toBe('Acme website');
    expect(describeLead(lead([['x'.repeat(300), 1]])).length).toBeLessThanOrEqual(120);
  });

  it('closes an offer under its topic, and notices last an hour', () => {
    expect(closeMessage('097eae92-7027-4bea-a05f-ca8f1964d764')).toEqual({
      payload: { v: 1, kind: 'close', offerId: '097eae92-7027-4bea-a05f-ca8f1964d764' },
      ttlSeconds: 3600,
      urgency: 'normal',
      topic: '097eae9270274beaa05fca8f1964d764',
    });
    const notice = noticeMessage({ kind: 'callback_due', workspaceId: 'w', leadId: 'l1', at: 0 }, lead([['Asked for a callback', 10]]));
    expect(notice).toEqual({
      payload: {
        v: 1,
        kind: 'notice',
        tag: 'callback_due:l1',
        title: 'Callback due: Ada Lovelace',
        body: 'Acme website · Asked for a callback',
        url: '/console/#/leads/l1',
      },
      ttlSeconds: 3600,
      urgency: 'normal',
    });
  });

  it('says a follow-up is due by name, company and why, under its own tag, and nothing more of the lead', () => {
    // The device push hands in the whole lead card: its phone and email must not reach the lock screen.
    const card = { ...lead([['Asked for a callback', 10]], 'Analytical Engines'), phone: '+14155550100', email: 'ada@example.com' };
    const notice = noticeMessage({ kind: 'follow_up_due', workspaceId: 'w', leadId: 'l1', at: 0 }, card);
    expect(notice.payload).toEqual({
      v: 1,
      kind: 'notice',
      tag: 'follow_up_due:l1',
      title: 'Follow-up due: Ada Lovelace',
      body: 'Analytical Engines · Asked for a callback',
      url: '/console/#/leads/l1',
    });
    expect(JSON.stringify(notice)).not.toMatch(/4155550100|example\.com/);
  });

  it('makes every topic at most 32 base64url characters', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (id) => /^[A-Za-z0-9_-]{1,32}$/.test(topicOf(id))));
  });

  it('counts TTL in whole seconds, never below zero', () => {
    expect(secondsLeft(10_500, 0)).toBe(11);
    expect(secondsLeft(1000, 5000)).toBe(0);
  });
});

describe('what a push service answer means', () => {
  it('reads RFC 8030 statuses', () => {
    expect([201, 200, 202].map(verdictOf)).toEqual(['delivered', 'delivered', 'delivered']);
    expect([404, 410].map(verdictOf)).toEqual(['gone', 'gone']);
    expect([429, 500, 502, 503].map(verdictOf)).toEqual(['retry', 'retry', 'retry', 'retry']);
    expect([400, 401, 403, 413].map(verdictOf)).toEqual(['failed', 'failed', 'failed', 'failed']);
  });

  it('backs off, doubling, and never plans a try at or past the deadline', () => {
    expect(retryAt(1, 0, 60_000)).toBe(1000);
    expect(retryAt(2, 0, 60_000)).toBe(2000);
    expect(retryAt(3, 0, 60_000, 5000)).toBe(5000);
    expect(retryAt(1, 0, 1000)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 120_000 }), (attempt, now, left) => {
        const at = retryAt(attempt, now, now + left);
        if (at !== null) {
          expect(at).toBeGreaterThan(now);
          expect(at).toBeLessThan(now + left);
        }
      }),
    );
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(undefined, 0)).toBeNull();
  });
});

describe('the VAPID subject', () => {
  it('is the mail sender as mailto:, or the public https URL when the sender is the local default', () => {
    expect(vapidSubject('Sixty <alerts@acme.com>', null)).toBe('mailto:alerts@acme.com');
    expect(vapidSubject('ops@acme.com', 'https://sixty.acme.com')).toBe('mailto:ops@acme.com');
    expect(vapidSubject('Sixty <sixty@localhost>', 'https://sixty.acme.com')).toBe('https://sixty.acme.com');
    expect(vapidSubject('Sixty <sixty@localhost>', null)).toBe('mailto:sixty@localhost');
    expect(vapidSubject('not an address', 'http://127.0.0.1:3000')).toBe('mailto:sixty@localhost');
  });
});
