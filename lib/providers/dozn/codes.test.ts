import { describe, expect, it } from "vitest";
import { ADMIN_ACTION_TEXT, CARD_COMPANIES, DOZN_CODES, adminActionFor, messageFor } from "./codes";

describe("codes", () => {
  it("covers every res_code of the seed's tables", () => {
    const seed = [
      "OK",
      "E001",
      "E006",
      "E007",
      "E008",
      "E801",
      "E806",
      "E807",
      "E808",
      "E809",
      "E817",
      "E003",
      "E005",
      "E101",
      "E811",
      "E818",
      "E812",
      "E403",
      "E501",
      "E502",
      "E506",
      "E601",
    ];
    expect(Object.keys(DOZN_CODES).sort()).toEqual([...seed].sort());
  });
  it("link codes carry an admin action", () => {
    expect(adminActionFor("E818")).toBe("recreate");
    expect(adminActionFor("E812")).toBe("create");
    expect(adminActionFor("E005")).toBe("add-notice-key");
    expect(adminActionFor("E101")).toBe("fix-parameters");
    expect(adminActionFor("E811")).toBe("use-new-notice-key");
    expect(adminActionFor("E003")).toBe("check-config");
    expect(adminActionFor("E999")).toBe("contact-agency");
    expect(ADMIN_ACTION_TEXT.recreate).toContain("재생성");
    expect(messageFor("E818")).toBe("[에이전시] 이미 링크 생성된 청구서입니다.");
  });
  it("prepay codes carry the customer popup text", () => {
    for (const c of ["E403", "E501", "E502", "E506", "E601"] as const)
      expect(DOZN_CODES[c].customerMessage).toBeTruthy();
  });
  it("card company list matches the seed (38 codes)", () => {
    expect(Object.keys(CARD_COMPANIES)).toHaveLength(38);
  });
});
