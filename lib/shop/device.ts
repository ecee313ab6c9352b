// PC or MOBILE for the payment windows (KakaoPay's next_redirect_pc_url vs mobile URL, KCP's PC window
// vs the mobile auto-submit form, app-to-app e-sign only on a phone), from the User-Agent alone.
//   * phones and Android tablets: "Android", "iPhone"/"iPod", the generic "Mobile" token;
//   * Samsung Internet: "SamsungBrowser" — a phone/tablet browser even in its desktop-site mode;
//   * the KakaoTalk in-app browser: "KAKAOTALK" (iOS: "… Mobile/15E148 KAKAOTALK 10.8.5",
//     Android WebView: "… Mobile Safari/537.36;KAKAOTALK 2410850");
//   * iPadOS Safari sends a Mac desktop UA by default ("Macintosh; Intel Mac OS X 10_15_7"): it is
//     indistinguishable from a Mac on the server and gets the PC flow, which works in iPad Safari;
//   * Chrome's "request desktop site" on Android sends an X11 Linux UA: the PC flow, as asked.
import type { Device } from "../payments/port";

const MOBILE_UA = /Android|iPhone|iPad|iPod|Mobile|SamsungBrowser|KAKAOTALK/i;

export function deviceFromUserAgent(ua: string | null | undefined): Device {
  return MOBILE_UA.test(ua ?? "") ? "MOBILE" : "PC";
}
