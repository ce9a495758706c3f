import { describe, expect, it } from "vitest";
import { addressFromChain, clientAddressFromStamp, requestIdFromStamp, stampClientAddress } from "./client-address";

/** A request as the HTTP server hands it over: headers as the caller sent them, and the socket. */
function incoming(headers: Record<string, string>, remoteAddress = "192.0.2.44") {
  return { headers: { ...headers } as Record<string, string | string[] | undefined>, socket: { remoteAddress } };
}

/** What the portal's code reads from the request after the server has stamped it. */
function served(headers: Record<string, string>, trustedHops: number, remoteAddress?: string): string {
  const request = incoming(headers, remoteAddress);
  stampClientAddress(request, trustedHops);
  return clientAddressFromStamp(request.headers["x-portal-client-address"] as string | undefined);
}

describe("the client address", () => {
  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(served({ "x-forwarded-for": "6.6.6.6" }, 0)).toBe("192.0.2.44");
    expect(served({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, 0)).toBe("192.0.2.44");
    expect(served({}, 0)).toBe("192.0.2.44");
  });

  it("is the Nth address from the right with N trusted proxies, the socket counting as the nearest", () => {
    expect(served({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, 1, "10.0.0.5")).toBe("203.0.113.9");
    expect(served({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.4" }, 2, "10.0.0.5")).toBe("203.0.113.9");
    expect(addressFromChain("6.6.6.6, 203.0.113.9", "10.0.0.5", 5)).toBe("6.6.6.6");
  });

  it("accepts IPv6, including the socket's IPv4-mapped form", () => {
    expect(served({}, 0, "::ffff:192.0.2.44")).toBe("::ffff:192.0.2.44");
    expect(served({ "x-forwarded-for": "2001:db8::7" }, 1, "10.0.0.5")).toBe("2001:db8::7");
  });

  it.each([
    "<script>alert(1)</script>",
    "203.0.113.9:4431",
    "999.1.1.1",
    "unknown",
    "203.0.113.9 extra",
    "'; drop table audit_events; --",
    "x".repeat(60),
  ])("is unknown, never the forged %j, when a trusted hop's entry is not an address", (forged) => {
    expect(served({ "x-forwarded-for": forged }, 1, "10.0.0.5")).toBe("unknown");
  });

  it("ignores a stamp the caller wrote, even one shaped like the server's", () => {
    expect(served({ "x-portal-client-address": "0123456789abcdef0123456789abcdef 6.6.6.6" }, 0)).toBe("192.0.2.44");
    expect(clientAddressFromStamp("0123456789abcdef0123456789abcdef 6.6.6.6")).toBe("unknown");
    expect(clientAddressFromStamp(undefined)).toBe("unknown");
  });

  it("leaves X-Forwarded-For holding only the address it believed", () => {
    const request = incoming({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, "10.0.0.5");
    stampClientAddress(request, 0);
    expect(request.headers["x-forwarded-for"]).toBe("10.0.0.5");
  });
});

describe("the request id", () => {
  const stampOf = (headers: Record<string, string> = {}) => {
    const request = incoming(headers);
    stampClientAddress(request, 0);
    return request.headers["x-portal-client-address"] as string;
  };

  it("is a fresh UUID for every request, made by the server", () => {
    const first = requestIdFromStamp(stampOf());
    const second = requestIdFromStamp(stampOf());
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });

  it("cannot be chosen by the caller, with or without a stamp of their own", () => {
    const chosen = "11111111-2222-4333-8444-555555555555";
    expect(requestIdFromStamp(stampOf({ "x-portal-client-address": `0123456789abcdef0123456789abcdef 6.6.6.6 ${chosen}` }))).not.toBe(chosen);
    expect(requestIdFromStamp(`0123456789abcdef0123456789abcdef 6.6.6.6 ${chosen}`)).toBeNull();
    expect(requestIdFromStamp(undefined)).toBeNull();
  });
});
