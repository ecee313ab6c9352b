import { describe, expect, it } from "vitest";
import { grant, hasAccess, maskName, maskPhone } from "./order-access";

describe("order access cookie", () => {
  it("grants only the signed order numbers", () => {
    const c = grant("s3cret-s3cret-s3cret", undefined, "KC261123-AAAAAA");
    expect(hasAccess("s3cret-s3cret-s3cret", c, "KC261123-AAAAAA")).toBe(true);
    expect(hasAccess("s3cret-s3cret-s3cret", c, "KC261123-BBBBBB")).toBe(false);
    expect(hasAccess("other-secret-value", c, "KC261123-AAAAAA")).toBe(false);
    expect(hasAccess("s3cret-s3cret-s3cret", "KC261123-BBBBBB~forged", "KC261123-BBBBBB")).toBe(false);
  });
  it("masks personal data", () => {
    expect(maskName("김카카오")).toBe("김**오");
    expect(maskName("이순")).toBe("이*");
    expect(maskPhone("01012345678")).toBe("010-****-5678");
  });
});
