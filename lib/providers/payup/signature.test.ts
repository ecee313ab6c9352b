import { describe, expect, it } from "vitest";
import { cancelSignature, orderSignature, parsePayupTimestamp, payupHash, payupTimestamp } from "./signature";

describe("PayUp signatures (seed vectors, byte-exact)", () => {
  it("order: tester|ZP2017090911|1004|25bcd7a82f5b4058818462cc7715964c|20170910132060", () => {
    expect(
      orderSignature({
        merchantId: "tester",
        orderNumber: "ZP2017090911",
        amount: "1004",
        apiCertKey: "25bcd7a82f5b4058818462cc7715964c",
        timestamp: "20170910132060",
      }),
    ).toBe("d186b8fedccffd291e0619fbf8b247c3f283e3769571eb57b68a50b46af23b75");
    expect(
      orderSignature({
        merchantId: "tester",
        orderNumber: "ZP2017090911",
        amount: 1004,
        apiCertKey: "25bcd7a82f5b4058818462cc7715964c",
        timestamp: "20170910132060",
      }),
    ).toBe("d186b8fedccffd291e0619fbf8b247c3f283e3769571eb57b68a50b46af23b75");
  });

  it("cancel: tester|20170912142746ST0020|25bcd7a82f5b4058818462cc7715964c", () => {
    expect(
      cancelSignature({
        merchantId: "tester",
        transactionId: "20170912142746ST0020",
        apiCertKey: "25bcd7a82f5b4058818462cc7715964c",
      }),
    ).toBe("db890c12b64c1e1de7127c0c07489fe18859139413acdac420a6f548ba518a3a");
  });

  it("is the seed's literal string hashed (공백제거), lowercase hex, 64 chars", () => {
    const h = payupHash(["tester", "20170912142746ST0020", "25bcd7a82f5b4058818462cc7715964c"]);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(payupHash([" tester ", "20170912142746ST0020", "25bcd7a82f5b4058818462cc7715964c"])).toBe(h);
  });

  it("timestamps are Korea time yyyyMMddHHmmss", () => {
    expect(payupTimestamp(new Date("2024-12-31T15:30:05Z"))).toBe("20250101003005");
    expect(parsePayupTimestamp("20250101003005")?.toISOString()).toBe("2024-12-31T15:30:05.000Z");
    expect(parsePayupTimestamp("2025010100300")).toBeUndefined();
  });
});
