import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message as the test SMTP server received it, decoded enough to assert on. */
export type ReceivedMail = {
  /** The envelope: who the client said it was from, and to whom it asked for delivery. */
  envelopeFrom: string | null;
  envelopeTo: string[];
  headers: Map<string, string>;
  subject: string;
  /** The plain-text body, transfer encoding undone. */
  text: string;
  raw: string;
};

export type TestSmtpServer = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** The first message delivered to `to`, waiting for it up to `timeoutMs`. */
  waitForMail(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 and a free port, for tests only: it accepts every message
 * without authentication or TLS and keeps it in memory until closed.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
        received.push(parseMail(Buffer.concat(chunks).toString("utf8"), envelopeFrom, envelopeTo));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    async waitForMail(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((message) => message.envelopeTo.includes(to));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`No e-mail to ${to} arrived within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Splits a single-part message into headers and decoded text. Enough for the portal's own e-mails. */
function parseMail(raw: string, envelopeFrom: string | null = null, envelopeTo: string[] = []): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  return {
    envelopeFrom,
    envelopeTo,
    headers,
    subject: decodeEncodedWords(headers.get("subject") ?? ""),
    text: decodeBody(body, encoding).replace(/\r\n/g, "\n"),
    raw,
  };
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body.replace(/=\r?\n/g, ""));
  return body;
}

/** `=XX` escapes to bytes, everything else as it is, then the bytes read as UTF-8. */
function decodeQuotedPrintable(text: string): string {
  const characters = Array.from(text);
  const bytes: number[] = [];
  for (let index = 0; index < characters.length; index++) {
    const hex = characters.slice(index + 1, index + 3).join("");
    if (characters[index] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(characters[index]!, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as nodemailer writes non-ASCII headers. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g, (_match, _charset: string, kind: string, text: string) => {
      if (kind.toUpperCase() === "B") return Buffer.from(text, "base64").toString("utf8");
      return decodeQuotedPrintable(text.replace(/_/g, " "));
    });
}
