import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

const PORTAL = "https://portal.example";

/** Where a browser would go if sent a Location header holding `path` from the portal. */
function destination(path: string): URL {
  return new URL(path, `${PORTAL}/sign-in/verify`);
}

const CONTROL_CHARACTERS = [...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)), "\u007f"];

describe("safeReturnPath", () => {
  it("keeps a path on the portal, with its query and fragment", () => {
    expect(safeReturnPath("/disclosures?page=2#top", PORTAL)).toBe("/disclosures?page=2#top");
    expect(safeReturnPath("/agreements/3f0c/versions", PORTAL)).toBe("/agreements/3f0c/versions");
  });

  it.each(CONTROL_CHARACTERS.map((character) => [`U+${character.charCodeAt(0).toString(16).padStart(4, "0")}`, character]))(
    "refuses %s anywhere in the path: browsers drop tabs and newlines, and a newline would break the redirect header",
    (_name, character) => {
      expect(safeReturnPath(`/${character}/evil.example`, PORTAL)).toBe("/");
      expect(safeReturnPath(`/${character}\\evil.example`, PORTAL)).toBe("/");
      expect(safeReturnPath(`/disclosures${character}`, PORTAL)).toBe("/");
      expect(safeReturnPath(`${character}//evil.example`, PORTAL)).toBe("/");
    },
  );

  it.each([
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/./\\evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/a/..//evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "https:evil.example",
    "//portal.example@evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " /disclosures",
    "disclosures",
    "",
  ])("refuses %j, which could leave the portal", (next) => {
    expect(safeReturnPath(next, PORTAL)).toBe("/");
  });

  it.each(["/%2F%2Fevil.example", "/%5Cevil.example", "/%0a/evil.example", "/%09/evil.example", "/%2e%2e//evil.example"])(
    "keeps the encoded form %j on the portal",
    (next) => {
      const path = safeReturnPath(next, PORTAL);
      expect(destination(path).origin).toBe(PORTAL);
      expect(path).toMatch(/^\/(?![/\\])/);
      expect(path).not.toMatch(/[\u0000-\u001f\u007f]/);
    },
  );

  it("refuses anything that is not a string", () => {
    expect(safeReturnPath(undefined, PORTAL)).toBe("/");
    expect(safeReturnPath(["/a", "//evil.example"], PORTAL)).toBe("/");
  });

  it("gives back only paths a browser resolves to the portal itself", () => {
    const attempts = ["/ok", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/.//evil.example", "//evil.example"];
    for (const next of attempts) expect(destination(safeReturnPath(next, PORTAL)).origin).toBe(PORTAL);
  });
});
