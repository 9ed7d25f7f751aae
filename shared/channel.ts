// The marketing channel of one touch, from its attributed source and medium (shared/attribution):
// paid search, organic search, paid social, organic social, email, display, affiliate, referral,
// direct, other. Sources and mediums come from URLs anyone can craft, so they are compared as
// lower-case words against fixed lists; nothing is compiled from them. Pure.

export const CHANNELS = [
  'paid_search',
  'organic_search',
  'paid_social',
  'organic_social',
  'email',
  'display',
  'affiliate',
  'paid_other',
  'referral',
  'direct',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** How the console and the CSV name each channel. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  paid_search: 'Paid search',
  organic_search: 'Organic search',
  paid_social: 'Paid social',
  organic_social: 'Organic social',
  email: 'Email',
  display: 'Display',
  affiliate: 'Affiliate',
  paid_other: 'Paid (other)',
  referral: 'Referral',
  direct: 'Direct',
  other: 'Other',
};

/** Words naming a search engine, in a source (`google`) or a host label (`www.google.co.uk`). */
const SEARCH = new Set(['google', 'bing', 'yahoo', 'duckduckgo', 'baidu', 'yandex', 'ecosia', 'qwant', 'startpage', 'naver', 'seznam', 'ask', 'aol']);
/** Words naming a social network; short hosts (`t.co`, `x.com`) are matched whole, since their words are too common. */
const SOCIAL = new Set([
  'facebook',
  'fb',
  'instagram',
  'ig',
  'linkedin',
  'twitter',
  'youtube',
  'tiktok',
  'pinterest',
  'reddit',
  'threads',
  'snapchat',
  'quora',
  'mastodon',
  'bluesky',
  'whatsapp',
  'telegram',
  'xing',
  'vk',
]);
const SOCIAL_HOSTS = new Set(['t.co', 'x.com', 'lnkd.in', 'youtu.be', 'fb.me', 'bsky.app']);
const PAID = new Set(['cpc', 'ppc', 'paid', 'paidsearch', 'paidsocial', 'sem', 'cpv', 'cpa', 'retargeting', 'ads', 'ad']);
const SEARCH_MEDIUM = new Set(['cpc', 'ppc', 'sem', 'paidsearch', 'search']);
const SOCIAL_MEDIUM = new Set(['social', 'paidsocial', 'sm', 'socialnetwork', 'social-network']);
const EMAIL = new Set(['email', 'mail', 'newsletter', 'e-mail']);
const DISPLAY = new Set(['display', 'banner', 'cpm', 'interstitial', 'programmatic']);
const AFFILIATE = new Set(['affiliate', 'affiliates', 'partner']);
const ORGANIC = new Set(['organic', 'seo']);

/** Lower-case words of a value: `Paid_Social` -> paid, social; `www.google.co.uk` -> www, google, co, uk. */
function words(value: string | null | undefined): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of (value ?? '').toLowerCase()) {
    const letter = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (letter) word += ch;
    else if (word) {
      out.push(word);
      word = '';
    }
  }
  if (word) out.push(word);
  return out;
}

const any = (ws: readonly string[], set: ReadonlySet<string>) => ws.some((w) => set.has(w));

export interface ChannelInput {
  /** The attributed source (`utm_source`, else the referring site's host); null = direct. */
  source: string | null;
  medium: string | null;
}

/** The channel of a touch; a touch without a source is direct. */
export function channelOf(t: ChannelInput): Channel {
  if (!t.source) return 'direct';
  const source = t.source.trim().toLowerCase();
  const sw = words(source);
  const mw = words(t.medium);
  // The whole medium as well as its words: `e-mail`, `social-network`.
  const medium = (t.medium ?? '').trim().toLowerCase();
  mw.push(medium, medium.replaceAll('_', '').replaceAll('-', ''));
  const social = any(sw, SOCIAL) || SOCIAL_HOSTS.has(source.startsWith('www.') ? source.slice(4) : source);
  const search = any(sw, SEARCH);
  if (any(mw, EMAIL) || any(sw, EMAIL)) return 'email';
  if (any(mw, DISPLAY)) return 'display';
  if (any(mw, AFFILIATE)) return 'affiliate';
  if (any(mw, PAID)) {
    if (social || any(mw, SOCIAL_MEDIUM)) return 'paid_social';
    if (search || any(mw, SEARCH_MEDIUM)) return 'paid_search';
    return 'paid_other';
  }
  if (social || any(mw, SOCIAL_MEDIUM)) return 'organic_social';
  if (search || any(mw, ORGANIC)) return 'organic_search';
  if (medium === 'referral' || source.includes('.')) return 'referral';
  return 'other';
}
