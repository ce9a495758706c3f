import { describe, expect, it } from "vitest";
import { clientAddress } from "./request";

describe("clientAddress", () => {
  it("takes the connecting peer, the last X-Forwarded-For entry, when no proxy is trusted", () => {
    expect(clientAddress("6.6.6.6, 10.0.0.5", 0)).toBe("10.0.0.5");
  });

  it("believes entries added by the configured number of trusted proxies, and no more", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.5", 1)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9, 10.0.0.5", 5)).toBe("203.0.113.9");
  });

  it("says unknown when there is no header", () => {
    expect(clientAddress(null, 0)).toBe("unknown");
  });
});
