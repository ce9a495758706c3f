/**
 * The security headers every response carries (docs/security.md#response-headers), built once per
 * request by proxy.ts; next.config.js sets the static ones again for the few paths the proxy does
 * not see (built assets and upload streams).
 */

/** A fresh, unguessable nonce for one response's Content-Security-Policy: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page: scripts only from the portal and only with this
 * response's nonce ('strict-dynamic' lets those load the portal's own chunks), nothing framed
 * and nothing framing the portal, forms posted only to the portal; styles only from the portal's
 * own style sheets. Development adds
 * 'unsafe-eval', which React's development build needs for its error overlay; production never.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  const scripts = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    // Over https, a stray http:// address is fetched by https rather than blocked; over plain
    // http (development, the browser tests) it would break every asset.
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Every powerful browser feature off: the portal uses none of them. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Two years, subdomains included: browsers then never try plain http again. */
const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export type SecurityHeaderOptions = {
  nonce: string;
  /** Served over https (the request, or the portal's public address): only then HSTS. */
  https: boolean;
  /** The request carries a session cookie: nothing of the answer may be cached. */
  signedIn: boolean;
  development: boolean;
};

/** The headers for one response. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options.nonce, options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Not `no-referrer`: under it Chrome sends `Origin: null` with a form posted without scripts,
    // and the same-origin check on form posts (proxy.ts) would refuse every one of them.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
    ...(options.signedIn ? { "Cache-Control": "private, no-store" } : {}),
  };
}
