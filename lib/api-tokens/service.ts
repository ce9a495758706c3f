import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { rowsOf } from "@/db/database";
import { apiTokens } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/access/viewer";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { hashToken, newToken } from "@/lib/auth/tokens";
import type { OrganisationType } from "@/lib/access/organisation-types";
import type { Role } from "@/lib/access/roles";
import { Invalid, NotFound, Unauthenticated } from "@/lib/errors";

/**
 * A token acts as the person who created it, with the role they hold now. Partner leads create
 * `submit` and `read` tokens for the organisation's own disclosures; analysts create `shared_read`
 * tokens for the partner data shared with the organisation, which partner leads may not read.
 */
const API_TOKEN_SCOPES = ["submit", "read", "shared_read"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

const SCOPES_BY_ROLE: Partial<Record<Role, readonly ApiTokenScope[]>> = {
  org_manager: ["submit", "read"],
  analyst: ["shared_read"],
};

/** The scopes a role may give a token, and that a token keeps while its creator holds the role. */
export function scopesFor(role: Role): readonly ApiTokenScope[] {
  return SCOPES_BY_ROLE[role] ?? [];
}

/** Tokens start with this, so a leaked one is recognisable (and findable by secret scanners). */
const TOKEN_PREFIX = "vawg_";

export const apiTokenInput = z.object({
  name: z.string().trim().min(2, "Enter a name for the token, such as the system that will use it").max(100, "Enter a name of 100 characters or fewer"),
  scopes: z
    .union([z.enum(API_TOKEN_SCOPES), z.array(z.enum(API_TOKEN_SCOPES))], "Choose what the token may do")
    .transform((value) => [...new Set(Array.isArray(value) ? value : [value])]),
  expiresInDays: z.coerce.number("Choose when the token expires").int().min(1, "Choose when the token expires").max(365, "A token lasts a year at most"),
});

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/** Creates a token acting as the viewer, with scopes their role may give; the secret is returned this once. */
export async function createApiToken(viewer: Viewer, input: z.infer<typeof apiTokenInput>, now = new Date()): Promise<{ id: string; token: string }> {
  await authorise(viewer, "api_tokens.manage");
  const allowed = scopesFor(viewer.role);
  if (input.scopes.length === 0 || input.scopes.some((scope) => !allowed.includes(scope))) {
    throw new Invalid("Check what the token may do.", { scopes: "Choose only what your role lets a token do" });
  }
  const token = `${TOKEN_PREFIX}${newToken()}`;
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        orgId: viewer.organisation.id,
        name: input.name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
        scopes: input.scopes,
        createdBy: viewer.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
      })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, auditEvent(viewer, "api_token.created", { subject: { type: "api_token", id: row!.id }, details: { scopes: input.scopes } }));
    return { id: row!.id, token };
  });
}

/** Partner leads see the organisation's tokens; analysts their own. */
export async function listApiTokens(viewer: Viewer): Promise<ApiTokenSummary[]> {
  await authorise(viewer, "api_tokens.manage");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = await tx.select().from(apiTokens).where(tokensOf(viewer)).orderBy(desc(apiTokens.createdAt));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.tokenPrefix,
      scopes: row.scopes,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      lastUsedAt: row.lastUsedAt,
    }));
  });
}

/** Revokes one of the tokens the viewer manages at once; any other is not found. */
export async function revokeApiToken(viewer: Viewer, id: string, now = new Date()): Promise<void> {
  await authorise(viewer, "api_tokens.manage");
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), tokensOf(viewer), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) throw new NotFound("No such token, or it is already revoked.");
    await recordAudit(tx, auditEvent(viewer, "api_token.revoked", { subject: { type: "api_token", id } }));
  });
}

function tokensOf(viewer: Viewer) {
  return and(eq(apiTokens.orgId, viewer.organisation.id), viewer.role === "org_manager" ? undefined : eq(apiTokens.createdBy, viewer.userId))!;
}

/** A client of the API: the organisation a token belongs to, acting as the person who created it. */
export type ApiClient = { tokenId: string; scopes: ApiTokenScope[]; viewer: Viewer };

const BEARER = /^Bearer ([A-Za-z0-9_-]{10,200})$/;

/**
 * The client behind an Authorization header. Missing, malformed, unknown, expired and revoked
 * tokens are all refused alike; so is a token whose creator is no longer an active member of an
 * active organisation. It keeps only the scopes its creator's present role may give.
 */
export async function authenticateBearer(authorization: string | null): Promise<ApiClient> {
  const match = authorization ? BEARER.exec(authorization.trim()) : null;
  if (!match) throw new Unauthenticated("Send a valid API token: Authorization: Bearer vawg_…");
  // The token and its creator's present membership, in one call (migration 0017).
  const [token] = rowsOf<{
    id: string;
    org_id: string;
    scopes: string | string[];
    created_by: string;
    email: string;
    display_name: string;
    org_name: string;
    org_type: OrganisationType;
    role: Role;
  }>(
    await (await getDatabase()).execute(
      sql`select id, org_id, scopes, created_by, email, display_name, org_name, org_type, role from app_authenticate_api_token(${hashToken(match[1]!)})`,
    ),
  );
  const scopes = token ? parseScopes(token.scopes).filter((scope) => scopesFor(token.role).includes(scope)) : [];
  if (!token || scopes.length === 0) throw new Unauthenticated("This API token is not valid: it may have expired or been revoked.");
  return {
    tokenId: token.id,
    scopes,
    viewer: {
      userId: token.created_by,
      email: token.email,
      displayName: token.display_name,
      organisation: { id: token.org_id, name: token.org_name, type: token.org_type },
      role: token.role,
      sessionId: `api-token:${token.id}`,
    },
  };
}

/** A Postgres enum array arrives as text ("{submit,read}") from one driver and as an array from the other. */
function parseScopes(value: string | string[]): ApiTokenScope[] {
  const list = Array.isArray(value) ? value : value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return list.filter((scope): scope is ApiTokenScope => (API_TOKEN_SCOPES as readonly string[]).includes(scope));
}
