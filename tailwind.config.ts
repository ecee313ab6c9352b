import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        kakao: { DEFAULT: "#FEE500", dark: "#191919", brown: "#3C1E1E" },
        ink: { DEFAULT: "#191F28", soft: "#4E5968", mute: "#8B95A1" },
        line: "#E5E8EB",
        paper: "#F9FAFB",
      },
      fontFamily: {
        sans: ["Pretendard Variable", "Pretendard", "system-ui", "sans-serif"],
      },
      borderRadius: { xl2: "1.25rem" },
    },
  },
} satisfies Config;
