import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAIL_FROM, parseEnv } from "@/lib/env";
import { startTestSmtpServer, type TestSmtpServer } from "./testing";
import { createMailer } from "./transport";

let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});

afterAll(async () => {
  await smtp?.close();
});

describe("the mail configuration", () => {
  it("has no mailer without SMTP_URL, and a default sender", () => {
    const env = parseEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe(DEFAULT_MAIL_FROM);
    expect(createMailer(env)).toBeNull();
    expect(createMailer(parseEnv({ SMTP_URL: "" }))).toBeNull();
  });

  it("accepts smtp and smtps URLs and refuses anything else without echoing it", () => {
    expect(parseEnv({ SMTP_URL: "smtps://user:secret@mail.example:465" }).SMTP_URL).toBe("smtps://user:secret@mail.example:465");
    expect(() => parseEnv({ SMTP_URL: "http://user:hunter2@mail.example" })).toThrow(/^Invalid configuration: SMTP_URL must be a URL of the form smtp:\/\//);
    expect(() => parseEnv({ SMTP_URL: "http://user:hunter2@mail.example" })).not.toThrow(/hunter2/);
  });

  it("refuses a sender that is not one address on one line", () => {
    expect(parseEnv({ MAIL_FROM: "Portal <portal@example.org>" }).MAIL_FROM).toBe("Portal <portal@example.org>");
    expect(parseEnv({ MAIL_FROM: "portal@example.org" }).MAIL_FROM).toBe("portal@example.org");
    expect(() => parseEnv({ MAIL_FROM: "Portal <portal@example.org>\r\nBcc: someone@example.org" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
  });
});

describe("sending through SMTP", () => {
  it("delivers a plain-text message to exactly the recipient, from MAIL_FROM", async () => {
    const mailer = createMailer(parseEnv({ SMTP_URL: smtp.url, MAIL_FROM: "Portal tests <tests@vawg-portal.example>" }))!;
    try {
      const link = `https://portal.example/invitations/${"x".repeat(43)}`;
      await mailer.send({ to: "someone@partner.example", subject: "Hello", text: `Line one\n\n${link}\n` });
      const mail = await smtp.waitForMail("someone@partner.example");
      expect(mail.envelopeTo).toEqual(["someone@partner.example"]);
      expect(mail.envelopeFrom).toBe("tests@vawg-portal.example");
      expect(mail.headers.get("from")).toBe("Portal tests <tests@vawg-portal.example>");
      expect(mail.subject).toBe("Hello");
      expect(mail.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(mail.text.split("\n")).toContain(link);
    } finally {
      mailer.close();
    }
  });

  it("keeps a subject on one line whatever it contains", async () => {
    const mailer = createMailer(parseEnv({ SMTP_URL: smtp.url }))!;
    try {
      await mailer.send({ to: "header@partner.example", subject: "Join Ünïcode Org\r\nBcc: victim@elsewhere.example", text: "Body" });
      const mail = await smtp.waitForMail("header@partner.example");
      expect(mail.envelopeTo).toEqual(["header@partner.example"]);
      expect(mail.headers.has("bcc")).toBe(false);
      expect(mail.subject).toBe("Join Ünïcode Org Bcc: victim@elsewhere.example");
    } finally {
      mailer.close();
    }
  });

  it("fails, rather than hanging, when the mail server is not there", async () => {
    const closed = await startTestSmtpServer();
    await closed.close();
    const mailer = createMailer(parseEnv({ SMTP_URL: closed.url }))!;
    await expect(mailer.send({ to: "nobody@partner.example", subject: "Lost", text: "Lost" })).rejects.toMatchObject({ code: "ESOCKET" });
    mailer.close();
  });
});
