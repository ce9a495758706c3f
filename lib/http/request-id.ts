import { CLIENT_ADDRESS_HEADER, requestIdFromStamp } from "./client-address";

/**
 * The id of the request being served (stamped by lib/http/client-address.ts before Next.js saw the
 * request), or null for work no request asked for: a job, a command-line tool, a test. Loads
 * next/headers only when asked, so code shared with those tools does not depend on a request.
 */
export async function currentRequestId(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return requestIdFromStamp((await headers()).get(CLIENT_ADDRESS_HEADER));
  } catch (error) {
    // Next.js's own signals (a page being prerendered, a redirect) must go on; anything else means no request.
    const { unstable_rethrow } = await import("next/navigation");
    unstable_rethrow(error);
    return null;
  }
}
