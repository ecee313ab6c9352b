import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { preload } from "react-dom";
// Fonts (scripts/make-fonts.ts): "Pretendard" = one small file per weight with the characters our
// pages draw, preloaded below; "Pretendard Variable" = Pretendard's own dynamic subsets, next in the
// font stack, declared after hydration by <FontRest /> and fetched only for text the core lacks.
import { FontRest } from "./_components/font-rest";
import "./fonts.css";
import { FONT_PRELOADS } from "./fonts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "카카오 체크아웃 상점", template: "%s · 카카오 체크아웃" },
  description: "카카오페이로 간편하게 결제하는 상점",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#FEE500" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next.js puts the CSP nonce of proxy.ts on its scripts only when
  // it renders (a page prerendered at build time would carry no nonce and its scripts would be blocked).
  await connection();
  for (const href of FONT_PRELOADS) preload(href, { as: "font", type: "font/woff2", crossOrigin: "anonymous" });
  return (
    <html lang="ko">
      <body className="min-h-dvh font-sans">
        {children}
        <FontRest />
      </body>
    </html>
  );
}
