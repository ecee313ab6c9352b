import { describe, expect, it } from "vitest";
import { clientIp } from "./remote-ip";

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
