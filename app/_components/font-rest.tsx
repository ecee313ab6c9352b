"use client";
import { useEffect } from "react";

/**
 * The rest of Pretendard, on demand: its own dynamic subsets ("Pretendard Variable", next in the font
 * stack after the preloaded core of app/fonts.css) for characters the core lacks — a customer's name or
 * address, the admin screens. Their 92 @font-face rules are 13 kB of CSS: loaded after hydration, they
 * no longer hold up the first paint; until then such characters show in the system's Korean font.
 */
export function FontRest() {
  useEffect(() => {
    void import("./font-rest-css");
  }, []);
  return null;
}
