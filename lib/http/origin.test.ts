import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";

describe("isSameOrigin", () => {
  const from = (entries: Record<string, string>) => new Headers(entries);

  it("accepts a POST whose Origin matches the host it came to", () => {
    expect(isSameOrigin(from({ origin: "http://127.0.0.1:3100", host: "127.0.0.1:3100", "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("refuses a foreign Origin, Origin: null and a missing Origin", () => {
    expect(isSameOrigin(from({ origin: "https://evil.example", host: "portal.example" }))).toBe(false);
    expect(isSameOrigin(from({ origin: "null", host: "portal.example" }))).toBe(false);
    expect(isSameOrigin(from({ host: "portal.example" }))).toBe(false);
  });

  it("refuses a cross-site fetch even when the Origin was forged to match", () => {
    expect(isSameOrigin(from({ origin: "https://portal.example", host: "portal.example", "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("checks against PORTAL_URL, when configured, rather than the Host header", () => {
    const headers = from({ origin: "https://attacker.example", host: "attacker.example" });
    expect(isSameOrigin(headers, "https://portal.example")).toBe(false);
    expect(isSameOrigin(from({ origin: "https://portal.example", host: "internal:3000" }), "https://portal.example")).toBe(true);
  });
});
