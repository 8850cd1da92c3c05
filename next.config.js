/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native and driver modules stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  // Usage imports send files of up to 20 MB (lib/imports/schemas.ts) to a server action; the margin is multipart overhead.
  experimental: { serverActions: { bodySizeLimit: "21mb" } },
  // Google-style custom method URL (issue #5), also with the colon percent-encoded as some clients send it; a ':'
  // cannot be in a folder name that checks out on Windows.
  async rewrites() {
    return [
      { source: "/api/v1/usage\\:batch", destination: "/api/v1/usage/batch" },
      { source: "/api/v1/usage%3Abatch", destination: "/api/v1/usage/batch" },
    ];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      // Pages get a nonce-based policy from proxy.ts. JSON, CSV and the auth endpoints load nothing: if one is ever
      // opened as a document, it may not run, load or frame anything.
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
