import { afterEach, describe, expect, it } from "vitest";
import { createLogger, replaceLogger } from "@/lib/log";
import { problemFrom } from "./problem";

describe("an unexpected API error", () => {
  afterEach(() => replaceLogger(createLogger({ level: "silent" })));

  it("answers 500 with a reference that is also in the log line, and no stack trace or message", async () => {
    const lines: string[] = [];
    replaceLogger(createLogger({ destination: { write: (line: string) => void lines.push(line) } }));
    const response = problemFrom(new TypeError("Cannot read properties of undefined (reading 'orgId')"));
    expect(response.status).toBe(500);
    const text = await response.text();
    const body = JSON.parse(text) as { reference: string; detail: string };
    expect(body.reference).toMatch(/^[0-9a-f]{8}$/);
    expect(body.detail).toBe("Something went wrong. Quote the reference to support.");
    expect(text).not.toMatch(/orgId|TypeError|\bat /);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", reference: body.reference, msg: "Unexpected API error", err: { type: "TypeError" } });
  });
});
