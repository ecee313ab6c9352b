// Kakao (Daum) postcode search for the checkout's address (issue 11 item 3). The script is loaded
// by the browser on the checkout page; when it cannot be loaded (offline, blocked, CSP) the buyer
// types 우편번호 and 주소 by hand — the fields are always editable and the server validates both.
//
// POSTCODE_SCRIPT_URL: the script's URL; empty turns the search off. The search opens Kakao's page
// in an iframe: CSP_FRAME_SRC must list its origins (https://postcode.map.kakao.com
// https://postcode.map.daum.net) — otherwise the search fails and the page falls back to manual entry.
export const DEFAULT_POSTCODE_SCRIPT_URL = "https://t1.kakaocdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js";

export function postcodeScriptUrl(raw = process.env.POSTCODE_SCRIPT_URL): string | null {
  if (raw === undefined) return DEFAULT_POSTCODE_SCRIPT_URL;
  const v = raw.trim();
  if (!v) return null;
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.hostname === "127.0.0.1" || u.hostname === "localhost" ? u.toString() : null;
  } catch {
    return null;
  }
}
