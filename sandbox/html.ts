// Tiny HTML helpers for the providers' screens (no framework: these are the providers' pages).
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Tagged template that escapes interpolations unless they are raw(...) values. */
export type Raw = { __raw: string };
export const raw = (s: string): Raw => ({ __raw: s });
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    const piece = Array.isArray(v)
      ? v.map((x) => (x && typeof x === "object" && "__raw" in x ? (x as Raw).__raw : esc(x))).join("")
      : v && typeof v === "object" && "__raw" in v
        ? (v as Raw).__raw
        : esc(v);
    out += piece + (strings[i + 1] ?? "");
  });
  return raw(out);
}

const baseCss = `
*{box-sizing:border-box}body{margin:0;font-family:"Apple SD Gothic Neo","Noto Sans KR","Malgun Gothic",system-ui,sans-serif;color:#191919;background:#f5f5f5}
main{max-width:480px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:16px;padding:20px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
button,.btn{display:block;width:100%;border:0;border-radius:12px;padding:14px;font-size:16px;font-weight:700;cursor:pointer;margin-top:10px;text-align:center;text-decoration:none}
.primary{background:#fee500;color:#191919}.secondary{background:#eee;color:#333}.danger{background:#fff0f0;color:#c00}
input,select{width:100%;padding:12px;border:1px solid #ddd;border-radius:10px;font-size:16px;margin:4px 0 10px}
label{font-size:14px;color:#555}
.muted{color:#888;font-size:13px}.amount{font-size:28px;font-weight:800}
table{width:100%;border-collapse:collapse}td,th{padding:8px;border-bottom:1px solid #eee;text-align:left;font-size:14px}
.badge{display:inline-block;background:#191919;color:#fee500;border-radius:6px;padding:2px 8px;font-size:12px;font-weight:700}
`;

export function page(title: string, body: Raw, opts: { charset?: string; head?: string; css?: string } = {}): string {
  const charset = opts.charset ?? "utf-8";
  return `<!doctype html><html lang="ko"><head><meta charset="${charset}"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${baseCss}${opts.css ?? ""}</style>${opts.head ?? ""}</head><body>${body.__raw}</body></html>`;
}
