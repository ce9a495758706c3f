/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers load native or WASM assets at run time; bundling them breaks the build.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2"],
  poweredByHeader: false,
  // CI type-checks the whole project (npm run typecheck) before it builds, and says so here, so
  // the build does not check the same files a second time. Every other build checks them.
  typescript: { ignoreBuildErrors: process.env.BUILD_AFTER_TYPECHECK === "true" },
  reactStrictMode: true,
  // The proxy (proxy.ts) sets every security header, with a per-request nonce, on everything it
  // sees; these static ones cover what it does not: built assets, upload streams (which say
  // private, no-store themselves, lib/uploads/stream-response.ts) and API calls made with a token
  // (whose answers say no-store themselves, lib/api).
  async headers() {
    const headers = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "no-referrer" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
      { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
    ];
    const paths = ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/disclosures/upload/stream", "/recorded-crime/upload/stream"].map((source) => ({
      source,
      headers: source.startsWith("/_next/static") ? headers.filter((header) => header.key !== "Content-Security-Policy") : headers,
    }));
    return [...paths, { source: "/api/v1/:path*", has: [{ type: "header", key: "authorization" }], headers }];
  },
};

export default nextConfig;
