import type { Metadata, Viewport } from "next";
import "pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "카카오 체크아웃 상점", template: "%s · 카카오 체크아웃" },
  description: "카카오페이로 간편하게 결제하는 상점",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#FEE500" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ko">
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
