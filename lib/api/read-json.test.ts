import { describe, expect, it } from "vitest";
import { readJson } from "./route";

const MB = 1024 * 1024;

/** A chunked body (no Content-Length) of `total` bytes in 16 KB chunks, counting what is pulled. */
function chunkedRequest(total: number) {
  const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
  const pulled = { bytes: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  const request = new Request("http://portal.test/api/v1/disclosures", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, pulled };
}

describe("readJson", () => {
  it("stops reading a chunked body as soon as it passes 64 KB, answering 413, and cancels the rest", async () => {
    const { request, pulled } = chunkedRequest(10 * MB);
    await expect(readJson(request)).rejects.toMatchObject({ status: 413, message: "The body is larger than 64 KB." });
    expect(pulled.bytes).toBeLessThan(256 * 1024);
    expect(pulled.cancelled).toBe(true);
  });

  it("reads a chunked body within the limit in full", async () => {
    const { request } = chunkedRequest(0);
    const small = new Request(request.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"a":'));
          controller.enqueue(new TextEncoder().encode("1}"));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    await expect(readJson(small)).resolves.toEqual({ a: 1 });
  });

  it("counts bytes, not characters, against the limit", async () => {
    const body = JSON.stringify({ text: "é".repeat(40 * 1024) });
    const request = new Request("http://portal.test/", { method: "POST", headers: { "content-type": "application/json" }, body });
    await expect(readJson(request)).rejects.toMatchObject({ status: 413 });
  });
});
