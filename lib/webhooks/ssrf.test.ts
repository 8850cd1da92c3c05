import { describe, expect, it } from "vitest";
import { classifyAddress, parseAllowlist, UnsafeTargetError, vetWebhookUrl, type Resolver } from "./ssrf";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.255.254", "a loopback address"],
    ["::1", "a loopback address"],
    ["::ffff:127.0.0.1", "a loopback address"], // v4-mapped
    ["::ffff:7f00:1", "a loopback address"], // the same, as the URL parser prints it
    ["0.0.0.0", "an unspecified address"],
    ["::", "an unspecified address"],
    ["10.0.0.5", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.1", "a private address"],
    ["fd12:3456::1", "a private address"],
    ["fc00::1", "a private address"],
    ["::ffff:10.1.2.3", "a private address"],
    ["64:ff9b::a00:1", "a private address"], // NAT64 of 10.0.0.1
    ["2002:c0a8:101::1", "a private address"], // 6to4 of 192.168.1.1
    ["100.64.0.1", "a shared (CGNAT) address"],
    ["100.127.255.255", "a shared (CGNAT) address"],
    ["169.254.1.1", "a link-local address"],
    ["fe80::1", "a link-local address"],
    ["fe80::1%eth0", "a link-local address"],
    ["169.254.169.254", "a cloud metadata address"],
    ["::ffff:169.254.169.254", "a cloud metadata address"],
    ["fd00:ec2::254", "a cloud metadata address"],
    ["168.63.129.16", "a cloud metadata address"],
    ["224.0.0.1", "a multicast address"],
    ["239.255.255.250", "a multicast address"],
    ["ff02::1", "a multicast address"],
    ["255.255.255.255", "a reserved address"],
    ["192.0.2.10", "a reserved address"],
    ["2001:db8::1", "a reserved address"],
    ["example.com", "not an IP address"],
  ])("%s is %s", (ip, reason) => {
    expect(classifyAddress(ip)).toBe(reason);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])(
    "%s is public",
    (ip) => {
      expect(classifyAddress(ip)).toBeNull();
    },
  );
});

describe("parseAllowlist", () => {
  it("reads host names, IPs and CIDRs", () => {
    const allow = parseAllowlist(" 127.0.0.1, Hooks.Internal. ,10.20.0.0/16, [::1] ");
    expect([...allow.hosts]).toEqual(["hooks.internal"]);
    expect(allow.nets.check("127.0.0.1", "ipv4")).toBe(true);
    expect(allow.nets.check("127.0.0.2", "ipv4")).toBe(false);
    expect(allow.nets.check("10.20.3.4", "ipv4")).toBe(true);
    expect(allow.nets.check("::1", "ipv6")).toBe(true);
  });

  it.each(["10.0.0.0/33", "10.0.0.0/x", "example.com/24"])("refuses the malformed entry %s", (entry) => {
    expect(() => parseAllowlist(entry)).toThrow(/not a valid IP or CIDR/);
  });
});

describe("vetWebhookUrl", () => {
  const none = parseAllowlist(undefined);
  const dns = (table: Record<string, string[]>): Resolver => async (host) => {
    const answers = table[host];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const resolver = dns({
    "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "internal.example.com": ["10.0.0.5"],
    "mixed.example.com": ["93.184.215.14", "192.168.0.10"],
    localhost: ["::1", "127.0.0.1"],
  });
  const refusal = (url: string, allow = none) =>
    vetWebhookUrl(url, allow, resolver).then(
      () => "accepted",
      (e: unknown) => (e instanceof UnsafeTargetError ? e.message : `unexpected ${String(e)}`),
    );

  it("accepts https to a name whose every address is public, and keeps all of them to connect to", async () => {
    const target = await vetWebhookUrl("https://hooks.example.com/tunecost?x=1", none, resolver);
    expect(target.url.href).toBe("https://hooks.example.com/tunecost?x=1");
    expect(target.addresses.map((a) => a.address)).toEqual(["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]);
  });

  it.each([
    ["http://hooks.example.com/", "Use an https:// URL"],
    ["ftp://hooks.example.com/", "Use an https:// URL"],
    ["not a url", "Enter a full URL, e.g. https://hooks.example.com/tunecost"],
    ["https://user:pw@hooks.example.com/", "Remove the user name and password from the URL"],
    ["https://127.0.0.1/hook", "127.0.0.1 is a loopback address"],
    ["https://2130706433/", "127.0.0.1 is a loopback address"], // decimal form, normalised by the URL parser
    ["https://0x7f.0.0.1/", "127.0.0.1 is a loopback address"], // hex
    ["https://0177.0.0.1/", "127.0.0.1 is a loopback address"], // octal
    ["https://[::1]:8443/", "::1 is a loopback address"],
    ["https://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address"],
    ["https://10.0.0.1/", "10.0.0.1 is a private address"],
    ["https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"],
    ["https://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata address"],
    ["https://internal.example.com/", "internal.example.com resolves to a private address 10.0.0.5"],
    ["https://mixed.example.com/", "mixed.example.com resolves to a private address 192.168.0.10"], // one bad answer is enough
    ["https://localhost/", "localhost resolves to a loopback address ::1"],
    ["https://localhost./", "localhost resolves to a loopback address ::1"],
    ["https://nowhere.invalid/", "nowhere.invalid could not be resolved"],
  ])("refuses %s: %s", async (url, message) => {
    expect(await refusal(url)).toBe(message);
  });

  it("lets the allowlist admit listed hosts, over http too, and nothing else", async () => {
    const allow = parseAllowlist("127.0.0.1,internal.example.com,192.168.0.0/24");
    expect(await refusal("http://127.0.0.1:8080/hook", allow)).toBe("accepted");
    expect(await refusal("https://internal.example.com/", allow)).toBe("accepted");
    expect(await refusal("http://internal.example.com/", allow)).toBe("accepted");
    // An address in a listed CIDR is admitted, but http needs the host itself to be listed.
    expect(await refusal("https://mixed.example.com/", allow)).toBe("accepted");
    expect(await refusal("http://mixed.example.com/", allow)).toBe("Use an https:// URL");
    expect(await refusal("http://hooks.example.com/", allow)).toBe("Use an https:// URL");
    expect(await refusal("https://127.0.0.2/", allow)).toBe("127.0.0.2 is a loopback address");
    expect(await refusal("https://localhost/", allow)).toBe("localhost resolves to a loopback address ::1");
  });
});
