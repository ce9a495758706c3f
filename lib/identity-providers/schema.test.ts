import { describe, expect, it } from "vitest";
import { identityProviderInput, issuerProblem, parseDomainList } from "./schema";

const valid = {
  displayName: "West Yorkshire Police account",
  issuer: "https://login.microsoftonline.com/4f1e2d3c/v2.0",
  clientId: "0b5c6d7e-portal",
  clientSecret: "s3cret",
  allowedDomains: "police.example",
  defaultRole: "viewer",
  enabled: "on",
};

describe("issuerProblem", () => {
  it("accepts https issuers", () => {
    expect(issuerProblem("https://login.microsoftonline.com/tenant/v2.0", { allowLoopbackHttp: false })).toBeNull();
    expect(issuerProblem("https://auth.nhs.example/", { allowLoopbackHttp: false })).toBeNull();
  });

  it("accepts http only on loopback, and only when allowed (never in production)", () => {
    for (const issuer of ["http://127.0.0.1:4000", "http://localhost:4000/oidc", "http://[::1]:4000"]) {
      expect(issuerProblem(issuer, { allowLoopbackHttp: true })).toBeNull();
      expect(issuerProblem(issuer, { allowLoopbackHttp: false })).toMatch(/https/);
    }
    expect(issuerProblem("http://login.police.example", { allowLoopbackHttp: true })).toMatch(/https/);
    expect(issuerProblem("http://127.0.0.1.evil.example", { allowLoopbackHttp: true })).toMatch(/https/);
    expect(issuerProblem("http://10.0.0.1", { allowLoopbackHttp: true })).toMatch(/https/);
  });

  it.each(["login.police.example", "ftp://login.police.example", "javascript:alert(1)", "https://user:pw@login.police.example", "https://login.police.example/?tenant=1", "https://login.police.example/#x"])(
    "refuses %j",
    (issuer) => {
      expect(issuerProblem(issuer, { allowLoopbackHttp: true })).not.toBeNull();
    },
  );
});

describe("parseDomainList", () => {
  it("takes domains separated by lines, commas or spaces, lower-cased, without duplicates", () => {
    expect(parseDomainList(" Police.Example,\nwestyorkshire.police.example  @police.example ")).toEqual({
      domains: ["police.example", "westyorkshire.police.example"],
    });
  });

  it("names the entry that is not a domain", () => {
    expect(parseDomainList("police.example, *.evil.example")).toEqual({ problem: expect.stringContaining('"*.evil.example" is not a domain') });
    expect(parseDomainList("pоlice.example")).toEqual({ problem: expect.stringContaining("is not a domain") });
    expect(parseDomainList("  ")).toEqual({ problem: expect.stringContaining("at least one") });
  });
});

describe("identityProviderInput", () => {
  it("parses the form", () => {
    expect(identityProviderInput.parse(valid)).toEqual({ ...valid, allowedDomains: ["police.example"], enabled: true });
    expect(identityProviderInput.parse({ ...valid, defaultRole: "", enabled: undefined })).toMatchObject({ defaultRole: null, enabled: false });
  });

  it.each(["admin", "auditor", "org_manager", "superuser"])("refuses %s as the role for newcomers", (defaultRole) => {
    expect(identityProviderInput.safeParse({ ...valid, defaultRole }).success).toBe(false);
  });

  it("reports each bad field by name", () => {
    const result = identityProviderInput.safeParse({ ...valid, issuer: "http://login.police.example", allowedDomains: "", clientId: "has space" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["issuer", "clientId", "allowedDomains"]);
  });
});
