import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is counted under by the abuse limits. IPv4 addresses (also when
 * mapped into IPv6) count one by one; IPv6 addresses count by their /64 network, since one
 * client is usually given a whole /64 and could otherwise take a fresh address per attempt.
 */
export function clientAddressKey(ip: string | undefined): string {
  const address = (ip ?? '').trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
  return address === '' ? 'unknown' : address;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [withoutZone] = address.split('%');
  let text = withoutZone;
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array.from({ length: missing }, () => '0'), ...tailGroups].map((g) => parseInt(g, 16).toString(16));
}
