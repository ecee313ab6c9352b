import type { Metadata } from "next";
import { notFound } from "next/navigation";

// The JavaScript floor for `npm run bench:web` and the e2e budget check: an empty page of the same
// production build (root layout only), so "framework + React" is measured in the same run as the
// customer pages. Only there when the server runs with BENCH_FLOOR_PAGE=1 (the bench and `npm test`
// set it); everywhere else it is an ordinary 404.
export const metadata: Metadata = { title: "floor", robots: { index: false, follow: false } };

export default function BenchFloorPage() {
  if (process.env.BENCH_FLOOR_PAGE !== "1") notFound();
  return null;
}
