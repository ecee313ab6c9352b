import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        kakao: { DEFAULT: "#FEE500", dark: "#191919", brown: "#3C1E1E" },
        // mute: 5.1:1 on white, 4.9:1 on paper (WCAG AA body text needs 4.5:1; the old #8B95A1 was 3.0:1).
        ink: { DEFAULT: "#191F28", soft: "#4E5968", mute: "#646F7C" },
        // line: dividers and card edges (decorative). line-strong: the edge of a form control, 3.3:1 on
        // white and 3.2:1 on paper (WCAG 1.4.11 asks 3:1 of a control's boundary; #E5E8EB was 1.23:1).
        line: { DEFAULT: "#E5E8EB", strong: "#868E96" },
        paper: "#F9FAFB",
      },
      fontFamily: {
        // "Pretendard": the preloaded core (app/fonts.css); "Pretendard Variable": the rest, on demand
        sans: ["Pretendard", "Pretendard Variable", "system-ui", "sans-serif"],
      },
      borderRadius: { xl2: "1.25rem" },
    },
  },
} satisfies Config;
