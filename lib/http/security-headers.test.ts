import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders, type SecurityHeaderOptions } from "./security-headers";

const production: SecurityHeaderOptions = { nonce: "bm9uY2U=", https: true, signedIn: false, development: false };

/** The policy as a map of directive to its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("newNonce", () => {
  it("is 16 random bytes in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    }
  });
});

describe("contentSecurityPolicy", () => {
  it("runs only the portal's own scripts carrying this response's nonce, and never an inline or evaluated one", () => {
    const policy = directives(contentSecurityPolicy("abc123==", { development: false, https: true }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("style-src")).toEqual(["'self'"]);
    for (const sources of policy.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
    }
  });

  it("lets no site frame the portal, and the portal frame nothing", () => {
    const policy = directives(contentSecurityPolicy("n", { development: false, https: true }));
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("frame-src")).toEqual(["'none'"]);
  });

  it("upgrades stray http requests only when served over https", () => {
    expect(directives(contentSecurityPolicy("n", { development: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(directives(contentSecurityPolicy("n", { development: false, https: false })).has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows evaluated scripts in development only, for React's development build", () => {
    expect(directives(contentSecurityPolicy("n", { development: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("securityHeaders", () => {
  it("sets the nonce's policy, nosniff, no referrer, no framing and every powerful feature off", () => {
    const headers = securityHeaders(production);
    expect(headers["Content-Security-Policy"]).toContain("'nonce-bm9uY2U='");
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]) {
      expect(headers["Permissions-Policy"]).toContain(`${feature}=()`);
    }
    expect(headers["Permissions-Policy"]).not.toMatch(/=\((?!\))/);
  });

  it("sends HSTS for two years only over https", () => {
    expect(securityHeaders(production)["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(securityHeaders({ ...production, https: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("forbids caching anything answered to a signed-in request", () => {
    expect(securityHeaders({ ...production, signedIn: true })["Cache-Control"]).toBe("private, no-store");
    expect(securityHeaders(production)).not.toHaveProperty("Cache-Control");
  });
});
