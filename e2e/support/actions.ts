import { expect, type Page } from "@playwright/test";

export type CapturedAction = { url: string; headers: Record<string, string>; body: Buffer | null };

/** The server action a click would send, captured and stopped before it reaches the portal. */
export async function captureAction(page: Page, click: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { url: request.url(), headers: request.headers(), body: request.postDataBuffer() };
    await route.abort();
  });
  await click();
  await expect.poll(() => captured).toBeDefined();
  await page.unroute("**/*");
  return captured!;
}

/** Sends a captured action again from `page`'s browser context, with its cookies and any header changes. */
export function replayAction(page: Page, action: CapturedAction, headers: Record<string, string> = {}) {
  const { cookie: _cookie, ...rest } = action.headers;
  return page.request.post(action.url, { headers: { ...rest, ...headers }, data: action.body ?? undefined, maxRedirects: 0 });
}
