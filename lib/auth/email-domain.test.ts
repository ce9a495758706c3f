import { describe, expect, it } from "vitest";
import { allowedEmail, normaliseDomain, parseEmail } from "./email-domain";

const ALLOWED = ["police.example"];

describe("allowedEmail", () => {
  it("accepts an address in an allowed domain, in any letter case", () => {
    expect(allowedEmail("newofficer@police.example", ALLOWED)).toEqual({ address: "newofficer@police.example", domain: "police.example" });
    expect(allowedEmail(" New.Officer@POLICE.Example ", ALLOWED)?.address).toBe("new.officer@police.example");
    expect(allowedEmail("x@police.example", ["POLICE.EXAMPLE"])).not.toBeNull();
  });

  it.each([
    ["another domain", "other@evil.example"],
    ["a domain that ends with the allowed one", "someone@evil-police.example"],
    ["a subdomain of the allowed one", "someone@sub.police.example"],
    ["the allowed one followed by another domain", "someone@police.example.evil.com"],
    ["a trailing dot", "someone@police.example."],
    ["two @ signs", "someone@evil.example@police.example"],
    ["a quoted local part hiding an @", '"someone@evil.example"@police.example'],
    ["a full-width @", "someone＠police.example"],
    ["a Cyrillic о in the domain", "someone@pоlice.example"],
    ["a Unicode domain that looks the same after NFKC", "someone@ｐolice.example"],
    ["a zero-width space", "some\u200bone@police.example"],
    ["a space", "some one@police.example"],
    ["an empty local part", "@police.example"],
    ["no domain", "someone@"],
    ["no @ at all", "police.example"],
    ["a number", 42],
    ["nothing", undefined],
  ])("refuses %s", (_name, email) => {
    expect(allowedEmail(email, ALLOWED)).toBeNull();
  });

  it("matches an internationalised domain only in its punycode form", () => {
    // bücher.example is xn--bcher-kva.example.
    expect(allowedEmail("a@xn--bcher-kva.example", ["xn--bcher-kva.example"])).not.toBeNull();
    expect(allowedEmail("a@bücher.example", ["xn--bcher-kva.example"])).toBeNull();
    expect(allowedEmail("a@xn--bcher-kva.example", ["police.example"])).toBeNull();
  });

  it("ignores allowed domains that are not plain DNS names", () => {
    expect(allowedEmail("a@police.example", ["*.example", ""])).toBeNull();
  });
});

describe("normaliseDomain", () => {
  it("lower-cases and trims a plain DNS name", () => {
    expect(normaliseDomain("  Police.Example ")).toBe("police.example");
    expect(normaliseDomain("nhs.net")).toBe("nhs.net");
    expect(normaliseDomain("xn--bcher-kva.example")).toBe("xn--bcher-kva.example");
  });

  it.each(["example", "*.police.example", "police..example", "-police.example", "police-.example", "police.example.", "bücher.example", "10.0.0.1", "ab--cd.example", "a".repeat(64) + ".example"])(
    "refuses %j",
    (domain) => {
      expect(normaliseDomain(domain)).toBeNull();
    },
  );
});

describe("parseEmail", () => {
  it("splits an address into the address and its domain", () => {
    expect(parseEmail("First.Last+tag@Council.Example")).toEqual({ address: "first.last+tag@council.example", domain: "council.example" });
  });
});
