// Input checks shared by the Linkhub-family adapters: a clear Korean message before any request.
export type Invalid = { ok: false; kind: "invalid"; field: string; message: string };
export const invalid = (field: string, message: string): Invalid => ({ ok: false, kind: "invalid", field, message });

const chars = (s: string) => [...s].length;

/** 010-1234-5678 / 01012345678 → 01012345678, or undefined. */
export function normalizePhone(s: string | undefined): string | undefined {
  const d = (s ?? "").replace(/[\s-]/g, "");
  return /^01[016789]\d{7,8}$/.test(d) ? d : undefined;
}

/** 1990-01-31 / 1990.01.31 / 19900131 → 19900131 when it is a real past date (1900+), else undefined. */
export function normalizeBirthday(s: string | undefined, now: Date = new Date()): string | undefined {
  const d = (s ?? "").replace(/[\s.-]/g, "");
  if (!/^\d{8}$/.test(d)) return undefined;
  const y = +d.slice(0, 4), m = +d.slice(4, 6), day = +d.slice(6, 8);
  const dt = new Date(Date.UTC(y, m - 1, day));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== day) return undefined;
  if (y < 1900 || dt.getTime() > now.getTime()) return undefined;
  return d;
}

/** Bank account: digits (hyphens/spaces allowed in input), 6–31 digits → digits only (seed 000 §4.2: bankAccountNum String 31; the minimum 6 is our choice). */
export function normalizeAccount(s: string | undefined): string | undefined {
  const raw = (s ?? "").trim();
  if (!/^[0-9][0-9\s-]*[0-9]$/.test(raw)) return undefined;
  const d = raw.replace(/[\s-]/g, "");
  return d.length >= 6 && d.length <= 31 ? d : undefined;
}

export function text(field: string, label: string, value: string | undefined, max: number, required = true): string | Invalid {
  const v = (value ?? "").trim();
  if (!v) return required ? invalid(field, `${label}을(를) 입력해 주세요.`) : "";
  if (chars(v) > max) return invalid(field, `${label}은(는) ${max}자 이하로 입력해 주세요.`);
  return v;
}

export const isInvalid = (v: unknown): v is Invalid => typeof v === "object" && v !== null && (v as Invalid).kind === "invalid";

/** The person asked to sign (name, mobile number, birth date): the same rules for Barocert and KakaoCert. */
export function receiver(
  input: { receiverName?: string; receiverHP?: string; receiverBirthday?: string },
  opts: { nameMax: number; now: Date },
): { receiverName: string; receiverHP: string; receiverBirthday: string } | Invalid {
  const receiverName = text("receiverName", "수신자 성명", input.receiverName, opts.nameMax);
  if (isInvalid(receiverName)) return receiverName;
  const receiverHP = normalizePhone(input.receiverHP);
  if (!receiverHP) return invalid("receiverHP", "휴대폰 번호를 정확히 입력해 주세요. (예: 010-1234-5678)");
  const receiverBirthday = normalizeBirthday(input.receiverBirthday, opts.now);
  if (!receiverBirthday) return invalid("receiverBirthday", "생년월일 8자리를 정확히 입력해 주세요. (예: 19900131)");
  return { receiverName, receiverHP, receiverBirthday };
}

/** Seconds until the request expires: 1–1000, default 300. */
export function expiry(field: string, value: number | undefined): number | Invalid {
  const n = value ?? 300;
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : invalid(field, "요청 만료시간은 1~1000초 사이여야 합니다.");
}
