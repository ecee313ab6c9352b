import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css";
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
  return (
    <html lang="ko">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
