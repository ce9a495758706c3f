import "server-only";
import { headers } from "next/headers";
import { requestOrigin } from "@/lib/http/request";
import { ssoProviderKey } from "@/lib/auth/sso";
import type { Viewer } from "@/lib/access/viewer";
import { getEnv } from "@/lib/env";
import type { IdentityProviderInput } from "./schema";
import { getIdentityProviderSettings, saveIdentityProvider, setIdentityProviderEnabled, type IdentityProviderSettings } from "./service";

export type SsoSettingsPage = IdentityProviderSettings & {
  /** The address to register at the provider as the portal's redirect URI, once there is a provider. */
  redirectUri: string | null;
};

/** Administrators only: an organisation's single sign-on settings, for the admin page. */
export async function getSsoSettings(viewer: Viewer, orgId: string): Promise<SsoSettingsPage> {
  const settings = await getIdentityProviderSettings(viewer, orgId);
  return { ...settings, redirectUri: settings.provider ? await callbackUrl(settings.provider.id) : null };
}

/** Administrators only: attaches or changes an organisation's provider. */
export async function saveSsoSettings(viewer: Viewer, orgId: string, input: IdentityProviderInput) {
  return saveIdentityProvider(viewer, orgId, input, await requestOrigin());
}

/** Administrators only: turns an organisation's provider on or off. */
export async function setSsoEnabled(viewer: Viewer, orgId: string, enabled: boolean): Promise<void> {
  await setIdentityProviderEnabled(viewer, orgId, enabled, await requestOrigin());
}

/** Where the provider sends people back: PORTAL_URL's origin when set, else the address this request came to. */
async function callbackUrl(providerId: string): Promise<string> {
  const portalUrl = getEnv().PORTAL_URL;
  let base = portalUrl;
  if (!base) {
    const list = await headers();
    const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost";
    const protocol = list.get("x-forwarded-proto") === "https" ? "https" : "http";
    base = `${protocol}://${host}`;
  }
  return new URL(`/api/auth/callback/${ssoProviderKey(providerId)}`, base).toString();
}
