/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so they never clobber a running `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Next.js compresses with gzip only (no brotli or zstd). Where a TLS proxy in front compresses with
  // brotli, set NEXT_COMPRESS=0 when starting the app so the proxy gets the uncompressed body to encode
  // (a proxy passes an already gzipped answer through as gzip). See README "Page weight".
  compress: process.env.NEXT_COMPRESS !== "0",
  reactStrictMode: true,
  serverExternalPackages: ["pino", "barocert", "kakaocert", "linkhub", "iconv-lite", "@prisma/adapter-pg", "pg"],
  // `npm test` type-checks the whole repo once with tsc before building, so its builds skip it.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  devIndicators: false,
  experimental: {
    // proxy.ts sees every page and API request, so Next.js copies request bodies for it: keep no more
    // than a server action may carry (Next's 1 MB limit, which then answers 413) plus a margin.
    proxyClientMaxBodySize: 1024 * 1024 + 64 * 1024,
  },
  async headers() {
    return [
      {
        // The core font files (scripts/make-fonts.ts) carry a content hash in their names.
        source: "/fonts/:file",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // frame-ancestors 'none' in the CSP (proxy.ts) says the same to current browsers
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
