import { describe, expect, it } from "vitest";
import { clientIp, peerIp } from "./remote-ip";

describe("clientIp (X-Forwarded-For as Next.js 16 leaves it)", () => {
  it("direct connection: Next writes the socket address when the header is absent", () => {
    expect(clientIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientIp("::1")).toBe("::1");
    expect(clientIp(null)).toBeNull();
    expect(clientIp(" , ")).toBeNull();
  });
  it("takes the rightmost hop; entries to its left count only through trusted proxies", () => {
    expect(clientIp("127.0.0.1, 203.0.113.9")).toBe("203.0.113.9"); // a forged left entry is ignored
    expect(clientIp("198.51.100.1, 10.0.0.2", ["10.0.0.2"])).toBe("198.51.100.1");
    expect(clientIp("127.0.0.1, 198.51.100.1, 10.0.0.2", ["10.0.0.2"])).toBe("198.51.100.1");
    expect(clientIp("10.0.0.3, 10.0.0.2", ["10.0.0.2", "10.0.0.3"])).toBe("10.0.0.3");
  });
});

describe("peerIp (the standalone biller server: socket peer + X-Forwarded-For from trusted proxies)", () => {
  it("a direct caller is its socket address; its own X-Forwarded-For is ignored", () => {
    expect(peerIp("::ffff:127.0.0.1", null)).toBe("127.0.0.1");
    expect(peerIp("::1", undefined)).toBe("::1");
    expect(peerIp("203.0.113.9", "127.0.0.1")).toBe("203.0.113.9");
    expect(peerIp("203.0.113.9", "127.0.0.1", ["10.0.0.2"])).toBe("203.0.113.9");
    expect(peerIp(undefined, "127.0.0.1")).toBeNull();
  });
  it("behind trusted proxies: the first hop from the right that is not ours", () => {
    expect(peerIp("10.0.0.2", "198.51.100.1", ["10.0.0.2"])).toBe("198.51.100.1");
    expect(peerIp("::ffff:10.0.0.2", "127.0.0.1, 198.51.100.1", ["10.0.0.2"])).toBe("198.51.100.1");
    expect(peerIp("10.0.0.2", "198.51.100.1, 10.0.0.3", ["10.0.0.2", "10.0.0.3"])).toBe("198.51.100.1");
    expect(peerIp("10.0.0.2", null, ["10.0.0.2"])).toBe("10.0.0.2");
  });
});
