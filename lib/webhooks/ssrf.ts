import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * SSRF guard for webhook targets. A target must be https and every address its host resolves to must be public;
 * the caller then connects to exactly those addresses (see ./http.ts), so a DNS answer that changes between this
 * check and the connection (DNS rebinding) cannot steer the request inside the network.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** What a refused target is told: names the problem, e.g. `hooks.example resolves to a private address 10.0.0.5`. */
export class UnsafeTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeTargetError";
  }
}

// Checked in order, so the most specific reason wins (169.254.169.254 is "cloud metadata", not just "link-local").
const RANGES: ReadonlyArray<readonly [reason: string, cidrs: readonly string[]]> = [
  // AWS/GCP/Azure/OCI instance metadata, Azure's wire server, AWS's IPv6 metadata endpoint.
  ["a cloud metadata address", ["169.254.169.254/32", "168.63.129.16/32", "fd00:ec2::254/128"]],
  ["an unspecified address", ["0.0.0.0/8", "::/128"]],
  ["a loopback address", ["127.0.0.0/8", "::1/128"]],
  ["a private address", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fec0::/10"]],
  ["a shared (CGNAT) address", ["100.64.0.0/10"]],
  ["a link-local address", ["169.254.0.0/16", "fe80::/10"]],
  ["a multicast address", ["224.0.0.0/4", "ff00::/8"]],
  // Broadcast, future use, IETF assignments, benchmarking, documentation, IPv4-compatible IPv6, discard-only.
  [
    "a reserved address",
    ["240.0.0.0/4", "192.0.0.0/24", "198.18.0.0/15", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "::/96", "100::/64", "2001:db8::/32"],
  ],
];

const LISTS = RANGES.map(([reason, cidrs]) => ({ reason, list: blockList(cidrs) }));

function blockList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, bits] = cidr.split("/") as [string, string];
    list.addSubnet(net, Number(bits), isIP(net) === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/** The 8 hextets of a valid IPv6 address (a trailing dotted quad becomes the last two). */
function hextets(ip: string): number[] {
  let s = ip.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = s.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return groups.map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 address carries (v4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(ip: string): string | null {
  const h = hextets(ip);
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (h.slice(0, 5).every((g) => g === 0) && h[5] === 0xffff) return quad(h[6]!, h[7]!);
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((g) => g === 0)) return quad(h[6]!, h[7]!);
  if (h[0] === 0x2002) return quad(h[1]!, h[2]!);
  return null;
}

/** Why `ip` must not be a webhook target ("a private address"…), or null for a public address. Not an IP: refused. */
export function classifyAddress(ip: string): string | null {
  const address = ip.split("%")[0]!; // drop an IPv6 zone ("fe80::1%eth0")
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return classifyAddress(v4);
  }
  const type = family === 6 ? "ipv6" : "ipv4";
  return LISTS.find(({ list }) => list.check(address, type))?.reason ?? null;
}

/** Operator-approved targets (TUNECOST_WEBHOOK_ALLOW_HOSTS): host names, IPs and CIDRs. */
export interface Allowlist {
  hosts: ReadonlySet<string>;
  nets: BlockList;
}

/** Parses "127.0.0.1, hooks.internal, 10.20.0.0/16"; a malformed CIDR throws rather than silently allowing nothing. */
export function parseAllowlist(raw: string | undefined): Allowlist {
  const hosts = new Set<string>();
  const nets = new BlockList();
  for (const entry of (raw ?? "").split(",").map((s) => s.trim().toLowerCase().replace(/^\[|\]$/g, "")).filter(Boolean)) {
    const [net = "", bits] = entry.split("/");
    const family = isIP(net);
    if (bits !== undefined || family) {
      const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
      if (!family || !/^\d+$/.test(bits ?? String(prefix)) || prefix > (family === 6 ? 128 : 32)) {
        throw new Error(`TUNECOST_WEBHOOK_ALLOW_HOSTS: "${entry}" is not a valid IP or CIDR`);
      }
      nets.addSubnet(net, prefix, family === 6 ? "ipv6" : "ipv4");
    } else {
      hosts.add(entry.replace(/\.$/, ""));
    }
  }
  return { hosts, nets };
}

function allowsAddress(allow: Allowlist, ip: string): boolean {
  return allow.nets.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/** A listed name, or an IP literal inside a listed CIDR: such a target may use http and non-public addresses. */
function allowsHost(allow: Allowlist, host: string): boolean {
  return allow.hosts.has(host) || (isIP(host) !== 0 && allowsAddress(allow, host));
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo, so /etc/hosts counts: "localhost" is loopback), every A and AAAA answer. */
export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface VettedTarget {
  url: URL;
  /** The addresses to connect to: every one was checked, and no other may be used. */
  addresses: ResolvedAddress[];
}

/**
 * Parses and checks a webhook URL: https (http only for an allowlisted host), then every address the host
 * resolves to must be public or allowlisted. Throws UnsafeTargetError naming the problem.
 */
export async function vetWebhookUrl(raw: string, allow: Allowlist, resolve: Resolver = systemResolver): Promise<VettedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeTargetError("Enter a full URL, e.g. https://hooks.example.com/tunecost");
  }
  // The WHATWG parser already normalised 2130706433, 0x7f.1 and 0177.0.0.1 to 127.0.0.1 here.
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  const hostAllowed = allowsHost(allow, host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && hostAllowed)) {
    throw new UnsafeTargetError("Use an https:// URL");
  }
  if (url.username || url.password) throw new UnsafeTargetError("Remove the user name and password from the URL");

  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new UnsafeTargetError(`${host} could not be resolved`);
    }
    if (addresses.length === 0) throw new UnsafeTargetError(`${host} could not be resolved`);
  }
  if (!hostAllowed) {
    for (const { address } of addresses) {
      const reason = allowsAddress(allow, address) ? null : classifyAddress(address);
      if (reason) throw new UnsafeTargetError(isIP(host) ? `${host} is ${reason}` : `${host} resolves to ${reason} ${address}`);
    }
  }
  return { url, addresses };
}
