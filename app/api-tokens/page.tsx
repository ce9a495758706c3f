import type { Metadata } from "next";
import Link from "next/link";
import { NewTokenForm } from "@/components/api-tokens/new-token-form";
import { ActionForm } from "@/components/form/action-form";
import { listApiTokens, scopesFor, type ApiTokenScope } from "@/lib/api-tokens/service";
import { requirePagePermission } from "@/lib/pages";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";
import { TitledSection } from "@/components/titled-section";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "API tokens" };

const SCOPE_NAMES: Record<ApiTokenScope, string> = { submit: "submit", read: "read", shared_read: "read shared partner data" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "Europe/London" });

export default async function ApiTokensPage() {
  const viewer = await requirePagePermission("api_tokens.manage", "/api-tokens");
  const tokens = await listApiTokens(viewer);
  const now = new Date();
  return (
    <div className="max-w-4xl space-y-8">
      <h1 className="text-3xl font-bold">API tokens</h1>
      <p>
        {viewer.role === "org_manager"
          ? <>Tokens let {viewer.organisation.name}&apos;s own systems use the portal&apos;s API.</>
          : <>A token lets your analysis tools read, through the API, the partner data shared with {viewer.organisation.name}, as you may; it stops working if your role changes.</>}{" "}
        Each is stored only as a hash: if a token is lost, revoke it and create another. See{" "}
        <Link href="/api-docs">how to use the API</Link>.
      </p>
      <DataTable
        caption={viewer.role === "org_manager" ? "Your organisation's API tokens" : "Your API tokens"}
        columns={["Name", "What it may do", "Expires", "Last used", "Status"]}
        empty={
          <>
            <p className="font-bold">{viewer.role === "org_manager" ? `${viewer.organisation.name} has no API tokens yet.` : "You have no API tokens yet."}</p>
            <p>
              Create one below when a system needs to use the API; it is shown once, then only its first characters are kept here.
            </p>
          </>
        }
      >
        {tokens.map((token) => {
          const live = !token.revokedAt && token.expiresAt > now;
          return (
            <tr key={token.id} className="border-b border-rule align-top">
              <td className="py-2 pr-4">
                <span className="font-bold">{token.name}</span>
                <br />
                <span className="font-mono text-muted">{token.prefix}…</span>
              </td>
              <td className="py-2 pr-4">{token.scopes.map((scope) => SCOPE_NAMES[scope]).join(" and ")}</td>
              <td className="py-2 pr-4">{when.format(token.expiresAt)}</td>
              <td className="py-2 pr-4">{token.lastUsedAt ? when.format(token.lastUsedAt) : "Never"}</td>
              <td className="py-2">
                {live ? (
                  <ActionForm action={revokeApiTokenAction} fields={{ id: token.id }} label={`Revoke ${token.name}`} variant="warning">
                    Revoke<span className="sr-only"> {token.name}</span>
                  </ActionForm>
                ) : token.revokedAt ? (
                  "Revoked"
                ) : (
                  "Expired"
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <TitledSection id="new-token-title" title="Create a token" className="max-w-2xl space-y-4">
        <NewTokenForm action={createApiTokenAction} scopes={scopesFor(viewer.role)} />
      </TitledSection>
    </div>
  );
}
