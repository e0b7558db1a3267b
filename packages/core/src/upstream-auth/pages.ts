/**
 * The few HTML pages of the link flow. Plain, self-contained, no scripts: they are opened from a
 * chat client and must be trustworthy at a glance. Every interpolated value is escaped.
 */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1.2rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Security: no framing (clickjacking on the consent button), no caching, and the ticket in
      // our URL never sent as a referrer to another site. (`no-referrer` would make browsers
      // send `Origin: null` on our own form, which the Origin check refuses.)
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
      'referrer-policy': 'same-origin',
    },
  });
}

export function consentPage(
  server: string,
  provider: string,
  action: string,
  ticket: string,
  scopes: readonly string[],
) {
  return page(
    `Link your ${provider} account`,
    `<p><strong>${escapeHtml(server)}</strong> will act on ${escapeHtml(provider)} as you, with the scopes
<code>${escapeHtml(scopes.join(' ') || '(none)')}</code>. Continue only if you asked for this from your own MCP client.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
<button type="submit" id="continue">Continue to ${escapeHtml(provider)}</button></form>`,
  );
}

export function linkedPage(provider: string, login: string) {
  return page(
    `${provider} account linked`,
    `<p id="linked">Linked as <strong>${escapeHtml(login)}</strong>. Close this tab and go back to your client; the call will now run as you.</p>`,
  );
}

export function refusedPage(provider: string, reason: string, status = 400) {
  return page(
    `${provider} account not linked`,
    `<p id="refused">${escapeHtml(reason)}</p><p>Go back to your client and call the tool again for a new link.</p>`,
    status,
  );
}
