// The agency's address as our route handlers can know it.
//
// What Next.js 16 does (node_modules/next/dist/server/base-server.js, `next start` and `next dev`):
//   req.headers['x-forwarded-for'] ??= req.socket.remoteAddress
// i.e. the socket peer is written ONLY when the request carries no X-Forwarded-For; a client that
// sends its own header keeps it verbatim and the route never sees the socket address. So:
//   * direct (no proxy): X-Forwarded-For is the peer address ("127.0.0.1", "::ffff:127.0.0.1", "::1");
//   * behind a reverse proxy that appends the peer (nginx $proxy_add_x_forwarded_for): the rightmost
//     entry is the address that proxy saw; entries further left are only as trustworthy as the hop
//     that reported them, so we walk from the right past TRUSTED_PROXY_IPS and stop at the first
//     address that is not one of our proxies.
// A client that can reach the app's port directly can put any address in the header. So for the
// agency's calls (lib/providers/dozn/auth.ts) the route handlers trust it only when TRUSTED_PROXY_IPS
// declares a proxy that overwrites it and the app port is reachable only through that proxy, or a
// configured credential decides; the standalone biller API uses the socket peer (peerIp below).
const norm = (ip: string) =>
  ip
    .trim()
    .replace(/^::ffff:/i, "")
    .replace(/^\[|\]$/g, "");

export function clientIp(
  forwardedFor: string | null | undefined,
  trustedProxies: readonly string[] = [],
): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map(norm).filter(Boolean);
  if (hops.length === 0) return null;
  const trusted = new Set(trustedProxies.map(norm));
  let i = hops.length - 1;
  while (i > 0 && trusted.has(hops[i]!)) i--;
  return hops[i]!;
}

/**
 * The agency's address when we own the socket (scripts/biller-server.ts): the TCP peer, unless the
 * peer is one of TRUSTED_PROXY_IPS — then X-Forwarded-For is walked from the right past our proxies
 * exactly as above. A header from an untrusted peer is ignored entirely (it cannot be forged in).
 */
export function peerIp(
  remoteAddress: string | null | undefined,
  forwardedFor: string | null | undefined,
  trustedProxies: readonly string[] = [],
): string | null {
  const peer = remoteAddress ? norm(remoteAddress) : "";
  if (!peer) return null;
  if (!forwardedFor || !trustedProxies.map(norm).includes(peer)) return peer;
  return clientIp(`${forwardedFor},${peer}`, trustedProxies);
}
