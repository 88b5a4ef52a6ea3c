/** Reading the outbox's e-mails: the links a resident would follow. Pure, unit-tested. */

const KINDS: { test: RegExp; label: string }[] = [
  { test: /^\/m\/[^/]+$/, label: 'Message page (as this recipient)' },
  { test: /^\/signup\/confirm$/, label: 'Confirm the sign-up' },
  { test: /^\/signup\/manage$/, label: 'Change areas and topics' },
  { test: /^\/unsubscribe$/, label: 'Unsubscribe' },
];

/** Each distinct http(s) link in a plain-text e-mail, named by what it opens. */
export function linksIn(text: string): { href: string; label: string }[] {
  const seen = new Set<string>();
  const links: { href: string; label: string }[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
    const href = match[0].replace(/[.,;:]+$/, '');
    if (seen.has(href)) continue;
    seen.add(href);
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    const kind = KINDS.find((k) => k.test.test(url.pathname));
    // Links carry their parameters in the fragment (never sent to a server); older ones in the query.
    const rating = new URLSearchParams(url.hash.replace(/^#/, '')).get('rate') ?? url.searchParams.get('rate');
    links.push({ href, label: kind ? `${kind.label}${rating ? `, rating ${rating} stars` : ''}` : href });
  }
  return links;
}
