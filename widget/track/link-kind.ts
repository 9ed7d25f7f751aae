// Whether following a link is a file download or leaves the site.

export type LinkKind = 'download' | 'outbound';

export type LinkParts = Pick<URL, 'protocol' | 'hostname' | 'pathname'>;

/** Extensions of files people download rather than read as pages. */
const FILE = /\.(pdf|zip|rar|7z|gz|tgz|dmg|exe|msi|pkg|docx?|xlsx?|pptx?|csv|txt|rtf|odt|ods|odp|epub|mp3|mp4|mov|wav)$/i;

/** `www.` does not make a host another site. */
const bare = (host: string) => host.replace(/^www\./, '');

export function linkKind(link: LinkParts, hasDownloadAttribute: boolean, pageHost: string): LinkKind | undefined {
  // mailto:, tel: and javascript: links are neither.
  if (!/^https?:$/.test(link.protocol)) return;
  if (hasDownloadAttribute || FILE.test(link.pathname)) return 'download';
  if (bare(link.hostname) !== bare(pageHost)) return 'outbound';
}
