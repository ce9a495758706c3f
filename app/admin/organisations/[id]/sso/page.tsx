import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/form/action-form";
import { IdentityProviderForm } from "@/components/identity-providers/identity-provider-form";
import { ROLE_LABELS } from "@/lib/access/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { NotFound, Forbidden } from "@/lib/errors";
import { getSsoSettings, type SsoSettingsPage } from "@/lib/identity-providers/admin";
import { DEFAULT_ROLE_OPTIONS } from "@/lib/identity-providers/schema";
import { saveSsoAction, setSsoEnabledAction } from "./actions";
import { TitledSection } from "@/components/titled-section";

export const metadata: Metadata = { title: "Single sign-on" };

const SAVED: Record<string, string> = {
  created: "The provider is attached. Register the redirect URI below with it.",
  updated: "The single sign-on settings are saved.",
  enabled: "People may sign in through this provider again.",
  disabled: "Nobody can sign in through this provider now.",
};

export default async function SsoSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const viewer = await requireViewer(`/admin/organisations/${encodeURIComponent(id)}/sso`);
  let settings: SsoSettingsPage;
  try {
    settings = await getSsoSettings(viewer, id);
  } catch (error) {
    // Only administrators manage providers; to anyone else this page does not exist.
    if (error instanceof NotFound || error instanceof Forbidden) notFound();
    throw error;
  }
  const saved = SAVED[String((await searchParams).saved)];
  const { organisation, provider, redirectUri } = settings;

  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-3xl font-bold">
        Single sign-on for <span className="whitespace-nowrap">{organisation.name}</span>
      </h1>
      {saved ? (
        <p role="status" className="border-l-4 border-success pl-4 font-bold">
          {saved}
        </p>
      ) : null}
      <p>
        People in this organisation can sign in through its own OpenID Connect provider (for example Microsoft Entra ID or
        NHS CIS2) instead of a portal password. The provider checks their second factor; the portal checks that their
        e-mail address is verified and in one of the domains below.
      </p>

      {provider && redirectUri ? (
        <TitledSection id="status-title" title="Current provider" className="space-y-3">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
            <dt className="font-bold">Status</dt>
            <dd>{provider.enabled ? "On" : "Off: nobody can sign in through it"}</dd>
            <dt className="font-bold">Someone new</dt>
            <dd>{provider.defaultRole ? `joins as ${ROLE_LABELS[provider.defaultRole]}` : "needs an invitation"}</dd>
            <dt className="font-bold">Redirect URI</dt>
            <dd>
              <code className="break-all" data-testid="redirect-uri">
                {redirectUri}
              </code>
            </dd>
          </dl>
          <ActionForm
            action={setSsoEnabledAction}
            fields={{ organisation: organisation.id, enabled: provider.enabled ? "false" : "true" }}
            label={provider.enabled ? "Turn off single sign-on" : "Turn on single sign-on"}
            variant={provider.enabled ? "warning" : "secondary"}
          >
            {provider.enabled ? "Turn off single sign-on" : "Turn on single sign-on"}
          </ActionForm>
        </TitledSection>
      ) : null}

      <TitledSection id="settings-title" title={provider ? "Change the provider" : "Attach a provider"} className="space-y-4">
        <IdentityProviderForm
          action={saveSsoAction}
          organisationId={organisation.id}
          hasSecret={Boolean(provider)}
          roleOptions={DEFAULT_ROLE_OPTIONS}
          initial={{
            displayName: provider?.displayName ?? "",
            issuer: provider?.issuer ?? "",
            clientId: provider?.clientId ?? "",
            allowedDomains: provider?.allowedDomains.join("\n") ?? "",
            defaultRole: provider ? (provider.defaultRole ?? "") : "",
            enabled: provider?.enabled ?? true,
          }}
        />
      </TitledSection>
    </div>
  );
}
