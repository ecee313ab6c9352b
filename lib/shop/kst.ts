// One KST date/time formatter for customer screens (issue 11 item 8): no ICU (the server's and the
// browser's differ), 오전/오후 with a 12-hour clock that never shows 0 or 24.
const pad = (n: number) => String(n).padStart(2, "0");

function parts(d: Date) {
  const k = new Date(d.getTime() + 9 * 3600_000);
  return { y: k.getUTCFullYear(), m: k.getUTCMonth() + 1, day: k.getUTCDate(), h: k.getUTCHours(), min: k.getUTCMinutes() };
}

/** "2026. 11. 30." */
export function kstDate(d: Date): string {
  const p = parts(d);
  return `${p.y}. ${p.m}. ${p.day}.`;
}

/** "2026. 11. 30. 오후 3:05" (00:18 KST → "오전 12:18", 12:00 → "오후 12:00"). */
export function kstDateTime(d: Date): string {
  const p = parts(d);
  const half = p.h < 12 ? "오전" : "오후";
  const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
  return `${kstDate(d)} ${half} ${h12}:${pad(p.min)}`;
}
