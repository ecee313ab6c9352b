// Korean bank codes as data: the 3-digit 은행 공동코드 (표준 은행코드) of 금융결제원 (KFTC), with the names
// staff and customers know. One table for every screen that shows or picks a bank.
//
// Source: 금융결제원 "금융기관 공동코드" (the codes every Korean transfer / CMS form uses; the same list the
// Open Banking API documents as bank_code_std). The seeds do not list codes: seed 003 (Dozn bills)
// only says bank_accounts[].bank_code is "은행코드", String, max 5; seed 000 (Barocert CMS) takes the
// bank by name (bankName, max 100), so the CMS screens pick a name from `BANK_LIST` and send its name.
// Banks that merged or renamed keep their code: 031 대구은행 is now iM뱅크, 012 is the regional 농·축협.

export type Bank = { code: string; name: string; short: string };

/** In the order people look for them: the big commercial banks first, internet banks, then the rest. */
export const BANK_LIST: readonly Bank[] = [
  { code: "004", name: "KB국민은행", short: "국민" },
  { code: "088", name: "신한은행", short: "신한" },
  { code: "020", name: "우리은행", short: "우리" },
  { code: "081", name: "하나은행", short: "하나" },
  { code: "011", name: "NH농협은행", short: "농협" },
  { code: "003", name: "IBK기업은행", short: "기업" },
  { code: "090", name: "카카오뱅크", short: "카카오뱅크" },
  { code: "092", name: "토스뱅크", short: "토스뱅크" },
  { code: "089", name: "케이뱅크", short: "케이뱅크" },
  { code: "023", name: "SC제일은행", short: "SC제일" },
  { code: "027", name: "한국씨티은행", short: "씨티" },
  { code: "002", name: "KDB산업은행", short: "산업" },
  { code: "007", name: "수협은행", short: "수협" },
  { code: "071", name: "우체국", short: "우체국" },
  { code: "045", name: "새마을금고", short: "새마을금고" },
  { code: "048", name: "신협", short: "신협" },
  { code: "012", name: "지역농·축협", short: "농·축협" },
  { code: "031", name: "iM뱅크(대구)", short: "iM뱅크" },
  { code: "032", name: "부산은행", short: "부산" },
  { code: "039", name: "경남은행", short: "경남" },
  { code: "034", name: "광주은행", short: "광주" },
  { code: "037", name: "전북은행", short: "전북" },
  { code: "035", name: "제주은행", short: "제주" },
  { code: "050", name: "저축은행", short: "저축은행" },
  { code: "064", name: "산림조합", short: "산림조합" },
];

/** code → name ("088" → "신한은행"). */
export const BANKS: Readonly<Record<string, string>> = Object.fromEntries(BANK_LIST.map((b) => [b.code, b.name]));

export const isBankCode = (code: string): boolean => Object.hasOwn(BANKS, code);

/** "신한은행" for "088"; an unknown code stays as it is. */
export const bankName = (code: string | null | undefined) => (code ? (BANKS[code] ?? code) : "-");
