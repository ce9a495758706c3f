/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers load native or WASM assets at run time; bundling them breaks the build.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2"],
  poweredByHeader: false,
  // CI type-checks the whole project (npm run typecheck) before it builds, and says so here, so
  // the build does not check the same files a second time. Every other build checks them.
  typescript: { ignoreBuildErrors: process.env.BUILD_AFTER_TYPECHECK === "true" },
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
