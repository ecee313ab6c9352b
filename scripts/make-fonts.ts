// `npx tsx scripts/make-fonts.ts`: the web fonts of the shop (issue 11: ≤ 120 kB of fonts on a first visit).
//
// Pretendard's own dynamic subsets (92 files per weight, split by Korean syllable frequency) make a
// customer page download 155–362 kB: a page's 100–300 syllables touch 6–14 of the 25–44 kB variable
// subsets (or 16–33 of the static ones across four weights). So the characters our pages draw are cut
// into one small "core" file per weight, preloaded; everything else stays on demand:
//   - core (family "Pretendard", weights 400/500/600/700, public/fonts/pretendard-<w>.<hash>.woff2, a
//     content hash in the name so they are cached for good): printable ASCII and the symbols below, plus
//     the characters of scripts/fonts/glyphs.json — what `npm run bench:web -- --glyphs
//     scripts/fonts/glyphs.json` saw each customer page draw at each weight — and, in the regular face,
//     everything drawn at any weight plus every Korean character of the customer pages' source. Each
//     face's unicode-range lists exactly its characters.
//   - the rest (family "Pretendard Variable", next in the font stack): Pretendard's own variable dynamic
//     subsets, fetched only for a character the core lacks (a customer's name or address, an admin
//     screen). Chromium does not fetch them for text whose core file is still loading (checked).
// Writes the woff2 files, app/fonts.css (imported by app/layout.tsx) and app/fonts.ts (the preload
// list). Uses `subset-font` (harfbuzz as wasm, a devDependency); SUBSET_FONT_DIR may point elsewhere.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const PKG = path.join(ROOT, "node_modules/pretendard/dist/web");
const WEIGHTS = { 400: "Regular", 500: "Medium", 600: "SemiBold", 700: "Bold" } as const;
type Weight = keyof typeof WEIGHTS;

const require = createRequire(path.join(process.env.SUBSET_FONT_DIR ?? ROOT, "package.json"));
let subsetFont: (
  font: Buffer,
  text: string,
  opts: { targetFormat: "woff2"; keepFeatures?: string[]; noHinting?: boolean },
) => Promise<Buffer>;
try {
  subsetFont = require("subset-font");
} catch {
  console.error("subset-font is not installed: npm i --no-save subset-font@2.9.0 (or set SUBSET_FONT_DIR)");
  process.exit(1);
}

// ------------------------------------------------------------------ which characters
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("");
const SYMBOLS = "·×—–‘’“”…₩←→↑↓✓•※○●△▲▼™©®°%";
const glyphs = JSON.parse(readFileSync("scripts/fonts/glyphs.json", "utf8")) as Record<string, Record<string, string>>;
const seen = (weights: string[]) =>
  Object.values(glyphs)
    .flatMap((byWeight) =>
      Object.entries(byWeight)
        .filter(([w]) => weights.includes(w))
        .map(([, s]) => s),
    )
    .join("");

/** Korean (and other non-ASCII) characters in the customer pages' source, comments left out. */
function sourceText(): string {
  const files: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const f of readdirSync(p)) walk(path.join(p, f));
    else if (/\.(tsx?|css)$/.test(p) && !/\.test\.ts$/.test(p)) files.push(p);
  };
  for (const p of [
    "app/(shop)",
    "app/_components",
    "lib/shop",
    "lib/errors.ts",
    "lib/money.ts",
    "lib/kst.ts",
    "lib/payments/methods.ts",
  ])
    walk(p);
  return files
    .map((f) =>
      readFileSync(f, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/(^|[^:])\/\/.*$/gm, "$1")
        .replace(/\{\/\*[\s\S]*?\*\/\}/g, ""),
    )
    .join("")
    .replace(/[\x00-\x7f]/g, "");
}

const usable = (s: string) => [...new Set(s)].filter((c) => c === " " || (c.codePointAt(0)! > 0x20 && !/\s/.test(c)));
const base = ASCII + SYMBOLS;
const sets: Record<Weight, string[]> = {
  // regular: everything any page drew at any weight, and every Korean character of the pages' source
  400: usable(base + seen(["400", "500", "600", "700", "800", "900"]) + sourceText()),
  500: usable(base + seen(["500"])),
  600: usable(base + seen(["600"])),
  // 800/900 (one decorative 톡 badge) are drawn with the nearest face, 700
  700: usable(base + seen(["700", "800", "900"])),
};

// ------------------------------------------------------------------ unicode-range helpers
type Range = [number, number];
const toRanges = (cps: number[]): Range[] => {
  const s = [...new Set(cps)].sort((a, b) => a - b);
  const out: Range[] = [];
  for (const c of s) {
    const last = out[out.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
};
const fmt = (rs: Range[]) =>
  rs.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(", ");

// ------------------------------------------------------------------ core files
const FEATURES = ["ccmp", "locl", "mark", "mkmk", "kern", "liga", "calt", "tnum"];
const outDir = path.join(ROOT, "public/fonts");
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (/^pretendard-\d+\.[0-9a-f]+\.woff2$/.test(f)) rmSync(path.join(outDir, f));
const faces: string[] = [];
const preloads: string[] = [];
for (const [w, name] of Object.entries(WEIGHTS) as [string, string][]) {
  const chars = sets[Number(w) as Weight];
  const font = await subsetFont(readFileSync(path.join(PKG, `static/woff2/Pretendard-${name}.woff2`)), chars.join(""), {
    targetFormat: "woff2",
    // Only the OpenType features a browser applies by default, plus tabular figures (.amount): keeping
    // every feature (subset-font's default) pulls Inter's stylistic alternates in and doubles the Latin part.
    keepFeatures: FEATURES,
    noHinting: true,
  });
  const file = `pretendard-${w}.${createHash("sha256").update(font).digest("hex").slice(0, 10)}.woff2`;
  writeFileSync(path.join(outDir, file), font);
  const cps = chars.map((c) => c.codePointAt(0)!);
  preloads.push(`/fonts/${file}`);
  faces.push(
    // one line a face (the file is data: .prettierignore leaves it as written)
    `@font-face { font-family: "Pretendard"; font-style: normal; font-weight: ${w}; font-display: swap; src: url("/fonts/${file}") format("woff2"); unicode-range: ${fmt(toRanges(cps))}; }`,
  );
  console.log(`core ${w}: ${chars.length} characters, ${(font.length / 1000).toFixed(1)} kB → public/fonts/${file}`);
}

const header = `/* Generated by scripts/make-fonts.ts — do not edit. Pretendard (SIL Open Font License 1.1,
   https://github.com/orioncactus/pretendard): the characters our customer pages draw, one preloaded file
   per weight. Other text falls through to "Pretendard Variable" (Pretendard's own dynamic subsets,
   imported by app/layout.tsx), fetched only when a page draws a character the core lacks. */\n`;
writeFileSync("app/fonts.css", header + faces.join("\n") + "\n");
writeFileSync(
  "app/fonts.ts",
  `// Generated by scripts/make-fonts.ts — do not edit. The core font files app/layout.tsx preloads.\nexport const FONT_PRELOADS = ${JSON.stringify(preloads, null, 2)} as const;\n`,
);
const total = preloads.reduce((n, f) => n + statSync(path.join("public", f)).size, 0);
console.log(
  `app/fonts.css: ${faces.length} core faces; all cores together ${(total / 1000).toFixed(1)} kB (budget 120 kB per first visit)`,
);
