// Korean personal-field formats, as the customer types them and as providers want them: mobile phone,
// birth date, bank account number. Shared by the consent forms (lib/consents/input.ts), the billed
// customers (lib/customers) and the Linkhub adapters (lib/providers/linkhub/validation.ts).

/** 010-1234-5678 / 01012345678 → 01012345678, or undefined. */
export function normalizePhone(s: string | undefined): string | undefined {
  const d = (s ?? "").replace(/[\s-]/g, "");
  return /^01[016789]\d{7,8}$/.test(d) ? d : undefined;
}

/** 1990-01-31 / 1990.01.31 / 19900131 → 19900131 when it is a real past date (1900+), else undefined. */
export function normalizeBirthday(s: string | undefined, now: Date = new Date()): string | undefined {
  const d = (s ?? "").replace(/[\s.-]/g, "");
  if (!/^\d{8}$/.test(d)) return undefined;
  const y = +d.slice(0, 4),
    m = +d.slice(4, 6),
    day = +d.slice(6, 8);
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
