// Makes a new offer impossible to miss: a chime (repeated while it waits), a browser
// notification when the tab is hidden, a flashing tab title and a screen reader announcement.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OfferView } from '../../shared/api';
import type { Sound } from './useSound';
import { useTitleFlash } from './useTitleFlash';

/** A ringing phone repeats; this is how often the chime sounds again while an offer waits. */
const RING_EVERY_MS = 4000;

interface Options {
  offers: readonly OfferView[];
  sound: Sound;
  notify: (title: string, body: string, tag: string) => Notification | null;
}

function secondsLeft(offer: OfferView): number {
  return Math.max(0, Math.ceil((offer.expiresAt - Date.now()) / 1000));
}

/** Returns the text for the assertive live region. */
export function useOfferAlerts({ offers, sound, notify }: Options): string {
  const seen = useRef(new Set<string>());
  const shown = useRef(new Map<string, Notification>());
  const [announcement, setAnnouncement] = useState('');
  const play = useRef(sound.play);
  play.current = sound.play;

  const ids = offers.map((o) => o.offerId).join(',');
  useEffect(() => {
    const fresh = offers.filter((o) => !seen.current.has(o.offerId));
    for (const offer of fresh) {
      seen.current.add(offer.offerId);
      if (document.hidden) {
        const n = notify(`New lead: ${offer.lead.name}`, `${offer.lead.siteName} · ${secondsLeft(offer)} s to accept`, offer.offerId);
        if (n) shown.current.set(offer.offerId, n);
      }
    }
    if (fresh.length) {
      play.current();
      const first = fresh[0]!;
      setAnnouncement(`New lead: ${first.lead.name}, ${first.lead.siteName}. ${secondsLeft(first)} seconds to accept. Press A to accept or D to decline.`);
    }
    if (offers.length === 0) setAnnouncement('');
    // Offers that went (accepted, expired...): their notifications go too.
    for (const [id, n] of shown.current) {
      if (!offers.some((o) => o.offerId === id)) {
        n.close();
        shown.current.delete(id);
      }
    }
  }, [ids]);

  const waiting = offers.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => play.current(), RING_EVERY_MS);
    return () => clearInterval(timer);
  }, [waiting]);

  useEffect(() => () => shown.current.forEach((n) => n.close()), []);

  const first = offers[0];
  useTitleFlash('Queue · Sixty', first ? [`(${offers.length}) New lead · Sixty`, `\u25CF ${first.lead.name} is waiting`] : null);
  return announcement;
}
