import { describe, expect, it } from "vitest";
import { CsvRefused, readCsvRows, readCsvText, type CsvLimits, type CsvRow } from "./csv-stream";

const LIMITS: CsvLimits = { maxBytes: 1024 * 1024, maxDataRows: 1_000 };

/** A byte stream of the given pieces, each its own chunk. */
function streamOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function rowsOf(stream: ReadableStream<Uint8Array>, limits = LIMITS): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of readCsvRows(stream, limits)) rows.push(row);
  return rows;
}

/** Every way of cutting the text into two chunks gives the same rows. */
async function splitEverywhere(text: string): Promise<CsvRow[][]> {
  const bytes = new TextEncoder().encode(text);
  const results: CsvRow[][] = [];
  for (let cut = 0; cut <= bytes.length; cut++) results.push(await rowsOf(streamOf(bytes.slice(0, cut), bytes.slice(cut))));
  return results;
}

describe("readCsvRows", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, numbering lines as in the file", async () => {
    const rows = await rowsOf(streamOf('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",z\n3,,\n'));
    expect(rows).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", 'say "hi"'] },
      { line: 3, fields: ["2", "two\nlines", "z"] },
      { line: 5, fields: ["3", "", ""] },
    ]);
  });

  it("keeps a CRLF inside quotes and needs no line break at the end", async () => {
    expect(await rowsOf(streamOf('a\r\n"1\r\n2"'))).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: ["1\r\n2"] },
    ]);
  });

  it("skips empty lines and a byte-order mark", async () => {
    expect(await rowsOf(streamOf("\uFEFFa,b\n\n1,2\r\n\r\n"))).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 3, fields: ["1", "2"] },
    ]);
  });

  it("gives the same rows wherever a chunk boundary falls: inside quotes, between CR and LF, inside a multi-byte character", async () => {
    const text = 'code,text\r\n1,"Café ""naïve"", ok"\r\n2,"a\r\nb"\r\n3,€😀\r\n';
    const expected = [
      { line: 1, fields: ["code", "text"] },
      { line: 2, fields: ["1", 'Café "naïve", ok'] },
      { line: 3, fields: ["2", "a\r\nb"] },
      { line: 5, fields: ["3", "€😀"] },
    ];
    for (const rows of await splitEverywhere(text)) expect(rows).toEqual(expected);
  });

  it("reads a file given one byte at a time", async () => {
    const bytes = new TextEncoder().encode('a,b\n"x\ny",ü\n');
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(await rowsOf(streamOf(...chunks))).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x\ny", "ü"] },
    ]);
  });

  it.each([
    ['a\n1,x"y\n', /Line 2: a quote inside a field/],
    ['a\n"x"y\n', /Line 2: text after the closing quote/],
    ['a\n"never closed\n', /Line 2: a quoted field that is never closed/],
    ["a\r1\n", /Line 1: a carriage return not followed by a line feed/],
    ['a\r"1\n', /Line 1: a carriage return not followed by a line feed/],
    // Lines end in LF or CRLF, so a lone carriage return is refused even inside quotes.
    ['a\n"x\ry"\n', /Line 2: a carriage return not followed by a line feed/],
    ["h\r1\r2\r", /Line 1: a carriage return not followed by a line feed/],
    // A row broken over several lines is named by the line it starts on.
    ['a\n"x\ny"z\n', /Line 2: text after the closing quote/],
  ])("refuses broken quoting, naming the line: %j", async (text, message) => {
    await expect(rowsOf(streamOf(text))).rejects.toThrow(message);
  });

  it("refuses text that is not UTF-8, and binary files", async () => {
    await expect(rowsOf(streamOf(new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x41])))).rejects.toThrow(/not UTF-8/);
    await expect(rowsOf(streamOf("a\n1\u00002\n"))).rejects.toThrow(/binary data/);
    await expect(rowsOf(streamOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))).rejects.toThrow(/workbook or archive/);
  });

  it("refuses a character cut off at the very end", async () => {
    await expect(rowsOf(streamOf(new Uint8Array([0x61, 0x0a, 0xc3])))).rejects.toThrow(/not UTF-8/);
  });

  it("refuses a file over the byte limit while reading, before its end", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode("a,b\n".repeat(256)));
      },
    });
    const attempt = rowsOf(endless, { maxBytes: 10_000, maxDataRows: 1_000_000 });
    await expect(attempt).rejects.toBeInstanceOf(CsvRefused);
    await expect(rowsOf(streamOf("x".repeat(20)), { maxBytes: 10, maxDataRows: 5 })).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/larger than/) });
    expect(pulled).toBeLessThan(20);
  });

  it("refuses more data rows than the limit, counting neither the header nor empty lines", async () => {
    expect(await rowsOf(streamOf("h\n1\n\n2\n3\n"), { maxBytes: 1_000, maxDataRows: 3 })).toHaveLength(4);
    await expect(rowsOf(streamOf("h\n1\n2\n3\n4\n"), { maxBytes: 1_000, maxDataRows: 3 })).rejects.toMatchObject({ status: 413, line: 5, message: expect.stringMatching(/more than 3 rows/) });
  });

  it("refuses a row longer than the limit, such as a quote never closed in a large file", async () => {
    await expect(rowsOf(streamOf('a\n"', "x".repeat(100), "x".repeat(100)), { ...LIMITS, maxRowChars: 150 })).rejects.toThrow(/Line 2: the row is longer than 150 characters/);
  });

  it("refuses a row with more columns than the limit, naming its line", async () => {
    await expect(rowsOf(streamOf("a,b\n1,2,3\n"), { ...LIMITS, maxColumns: 2 })).rejects.toMatchObject({ status: 400, line: 2, message: "Line 2: more than 2 columns." });
  });

  it("names the field a quoting error is in", async () => {
    await expect(rowsOf(streamOf('a,b\n1,x"y\n'))).rejects.toMatchObject({ line: 2, fieldIndex: 1 });
  });

  it("reads rows while the file is still arriving, and stops reading it when the caller stops", async () => {
    let pulledBytes = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = new TextEncoder().encode(pulledBytes === 0 ? "h\n" : "1\n".repeat(100));
        pulledBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const rows: CsvRow[] = [];
    for await (const row of readCsvRows(endless, { maxBytes: 1_000_000_000, maxDataRows: 1_000_000 })) {
      rows.push(row);
      if (rows.length === 3) break;
    }
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3]);
    // The parser reads a little ahead (its buffers hold some kilobytes), never the rest of the file.
    expect(pulledBytes).toBeLessThan(64 * 1024);
    await expect.poll(() => cancelled).toBe(true);
  });
});

describe("readCsvRows as the file arrives", () => {
  const waiting = Symbol("waiting");
  /** What `next` settles to within 50 ms, or `waiting`. */
  const settled = <T,>(next: Promise<T>) => Promise.race([next, new Promise<typeof waiting>((resolve) => setTimeout(() => resolve(waiting), 50))]);

  it("returns each record once it is complete", async () => {
    const encoder = new TextEncoder();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const rows = readCsvRows(new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }), LIMITS);

    const first = rows.next();
    controller.enqueue(encoder.encode('a,"b'));
    controller.enqueue(encoder.encode('""c"\r'));
    expect(await settled(first)).toBe(waiting);
    controller.enqueue(encoder.encode("\nd,e"));
    expect(await first).toEqual({ done: false, value: { line: 1, fields: ["a", 'b"c'] } });

    const second = rows.next();
    expect(await settled(second)).toBe(waiting);
    controller.close();
    expect(await second).toEqual({ done: false, value: { line: 2, fields: ["d", "e"] } });
    expect(await rows.next()).toEqual({ done: true, value: undefined });
  });
});

describe("readCsvText", () => {
  it("gives a small file whole, without its byte-order mark, even with a character split across chunks", async () => {
    const bytes = new TextEncoder().encode("\uFEFForganisation\nCaf\u00e9\n");
    expect(await readCsvText(streamOf(bytes.slice(0, 20), bytes.slice(20)), 1024)).toBe("organisation\nCaf\u00e9\n");
  });

  it("refuses what a streamed upload refuses: over the limit, binary, not UTF-8", async () => {
    await expect(readCsvText(streamOf("x".repeat(20)), 10)).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/larger than/) });
    await expect(readCsvText(streamOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])), 1024)).rejects.toThrow(/workbook or archive/);
    await expect(readCsvText(streamOf("a\n1\u00002\n"), 1024)).rejects.toThrow(/binary data/);
    await expect(readCsvText(streamOf(new Uint8Array([0x61, 0x0a, 0xff])), 1024)).rejects.toBeInstanceOf(CsvRefused);
  });
});
