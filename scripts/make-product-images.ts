// Writes the demo product illustrations (simple SVGs) into public/products.
import { writeFileSync } from "node:fs";
import { DEMO_PRODUCTS } from "../lib/seed.ts";

const shapes = [
  (c: string) =>
    `<circle cx="200" cy="210" r="110" fill="${c}"/><path d="M200 100c10-40 50-50 70-40-20 10-40 30-70 40z" fill="#2d6a4f"/>`,
  (c: string) =>
    `<circle cx="150" cy="220" r="80" fill="${c}"/><circle cx="250" cy="220" r="80" fill="${c}" opacity=".85"/><rect x="110" y="120" width="180" height="20" rx="10" fill="#6d4c41"/>`,
  (c: string) =>
    `<rect x="110" y="110" width="180" height="200" rx="24" fill="${c}"/><path d="M150 200q50-60 100 0q-50 60-100 0z" fill="#fff" opacity=".8"/>`,
  (c: string) =>
    `<rect x="150" y="90" width="100" height="40" rx="8" fill="#444"/><rect x="120" y="125" width="160" height="200" rx="30" fill="${c}"/>`,
  (c: string) =>
    `<path d="M200 80l95 55v110l-95 55-95-55V135z" fill="${c}"/><path d="M200 130l52 30v60l-52 30-52-30v-60z" fill="#fff" opacity=".45"/>`,
  (c: string) =>
    `<rect x="120" y="120" width="140" height="170" rx="20" fill="${c}"/><path d="M260 160h30a30 30 0 0 1 0 60h-30" stroke="${c}" stroke-width="18" fill="none"/>`,
  (c: string) =>
    `<path d="M120 150h160l-15 170H135z" fill="${c}"/><path d="M160 150a40 50 0 0 1 80 0" stroke="${c}" stroke-width="14" fill="none"/>`,
  (c: string) =>
    `<ellipse cx="150" cy="230" rx="60" ry="45" fill="${c}"/><ellipse cx="250" cy="230" rx="60" ry="45" fill="#fff" stroke="${c}" stroke-width="8"/><ellipse cx="200" cy="170" rx="60" ry="45" fill="#a3b18a"/>`,
];

DEMO_PRODUCTS.forEach((p, i) => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" aria-label="${p.name}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fffdf5"/><stop offset="1" stop-color="#f3efe3"/></linearGradient></defs>
<rect width="400" height="400" fill="url(#g)"/>${shapes[i % shapes.length]!(p.color)}</svg>\n`;
  writeFileSync(`public/products/${p.slug}.svg`, svg);
});
console.log(`wrote ${DEMO_PRODUCTS.length} images`);
