/**
 * Whether a state-changing request comes from the portal's own pages. Browsers send Origin on
 * every POST; a missing, "null" or foreign one is refused, as is a Sec-Fetch-Site other than
 * same-origin. The expected origin is PORTAL_URL's when set, else the Host the request came to.
 */
export function isSameOrigin(requestHeaders: Headers, portalUrl?: string): boolean {
  const fetchSite = requestHeaders.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return false;
  const origin = requestHeaders.get("origin");
  if (!origin || origin === "null") return false;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (portalUrl) return originUrl.origin === new URL(portalUrl).origin;
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  return host !== null && originUrl.host === host;
}
