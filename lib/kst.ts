// The one KST date/time formatter, for the shop, the admin and every export. No ICU: the server's and
// the browser's ICU data differ (and `hour12:false` prints 00:24 as "24:24"), so the parts come from plain
// arithmetic on UTC + 9 h (Korea has no daylight saving time).
const pad = (n: number) => String(n).padStart(2, "0");

export function kstParts(d: Date) {
  const k = new Date(d.getTime() + 9 * 3600_000);
  return {
    y: k.getUTCFullYear(),
    m: k.getUTCMonth() + 1,
    day: k.getUTCDate(),
    h: k.getUTCHours(),
    min: k.getUTCMinutes(),
    s: k.getUTCSeconds(),
  };
}

const valid = (d: Date | null | undefined): d is Date => !!d && !Number.isNaN(d.getTime());

// ── Customer screens: Korean style, 오전/오후 with a 12-hour clock that never shows 0 or 24 ──

/** "2026. 11. 30." */
export function kstDateKo(d: Date): string {
  const p = kstParts(d);
  return `${p.y}. ${p.m}. ${p.day}.`;
}

/** "2026. 11. 30. 오후 3:05" (00:18 KST → "오전 12:18", 12:00 → "오후 12:00"). */
export function kstDateTimeKo(d: Date): string {
  const p = kstParts(d);
  const half = p.h < 12 ? "오전" : "오후";
  const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
  return `${kstDateKo(d)} ${half} ${h12}:${pad(p.min)}`;
}

// ── Staff screens and exports: sortable, 24-hour clock 00–23 ──

/** "2026-12-01 00:24:48" (KST); "-" for no date. */
export function kstDateTime(d: Date | null | undefined): string {
  if (!valid(d)) return "-";
  const p = kstParts(d);
  return `${p.y}-${pad(p.m)}-${pad(p.day)} ${pad(p.h)}:${pad(p.min)}:${pad(p.s)}`;
}

/** "2026-12-01 00:24" (KST), for lists. */
export function kstDateTimeShort(d: Date | null | undefined): string {
  const s = kstDateTime(d);
  return s === "-" ? s : s.slice(0, 16);
}

/** "2026-12-01" (KST calendar day). */
export function kstDate(d: Date | null | undefined): string {
  const s = kstDateTime(d);
  return s === "-" ? s : s.slice(0, 10);
}

/** The KST calendar day `days` days from `now` ("YYYY-MM-DD"). */
export function kstDay(now: Date, days = 0): string {
  return kstDate(new Date(now.getTime() + days * 86_400_000));
}

/** KST calendar days (YYYY-MM-DD, either end optional) → the UTC range from the first day's start to the end of the last. */
export function kstDayRange(from?: string, to?: string): { gte?: Date; lt?: Date } {
  const start = (d: string) => new Date(`${d}T00:00:00+09:00`);
  return { ...(from && { gte: start(from) }), ...(to && { lt: new Date(start(to).getTime() + 86400_000) }) };
}
