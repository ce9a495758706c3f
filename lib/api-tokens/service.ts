import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { rowsOf } from "@/db/database";
import { apiTokens, memberships, organisations, users } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/access/viewer";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { NotFound, Unauthenticated } from "@/lib/errors";

/**
 * `submit` and `read` act for the partner lead who created the token, on the organisation's own
 * disclosures; `shared_read` reads the partner data shared with the organisation, acting as its
 * analyst (see `actingViewer`).
 */
const API_TOKEN_SCOPES = ["submit", "read", "shared_read"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

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

/** Creates a token for the viewer's organisation (partner leads only); the secret is returned this once. */
export async function createApiToken(viewer: Viewer, input: z.infer<typeof apiTokenInput>, now = new Date()): Promise<{ id: string; token: string }> {
  await authorise(viewer, "api_tokens.manage");
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

export async function listApiTokens(viewer: Viewer): Promise<ApiTokenSummary[]> {
  await authorise(viewer, "api_tokens.manage");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = await tx.select().from(apiTokens).where(eq(apiTokens.orgId, viewer.organisation.id)).orderBy(desc(apiTokens.createdAt));
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

/** Revokes one of the organisation's tokens at once; another organisation's is not found. */
export async function revokeApiToken(viewer: Viewer, id: string, now = new Date()): Promise<void> {
  await authorise(viewer, "api_tokens.manage");
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.orgId, viewer.organisation.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) throw new NotFound("No such token, or it is already revoked.");
    await recordAudit(tx, auditEvent(viewer, "api_token.revoked", { subject: { type: "api_token", id } }));
  });
}

/** A client of the API: the organisation a token belongs to, acting through the partner lead who created it. */
export type ApiClient = { tokenId: string; scopes: ApiTokenScope[]; viewer: Viewer };

const BEARER = /^Bearer ([A-Za-z0-9_-]{10,200})$/;

/**
 * The client behind an Authorization header. Missing, malformed, unknown, expired and revoked
 * tokens are all refused alike; so is a token whose creator is no longer an active partner lead
 * of an active organisation.
 */
export async function authenticateBearer(authorization: string | null): Promise<ApiClient> {
  const match = authorization ? BEARER.exec(authorization.trim()) : null;
  if (!match) throw new Unauthenticated("Send a valid API token: Authorization: Bearer vawg_…");
  const db = await getDatabase();
  const [token] = rowsOf<{ id: string; org_id: string; scopes: string | string[]; created_by: string | null }>(
    await db.execute(sql`select id, org_id, scopes, created_by from app_authenticate_api_token(${hashToken(match[1]!)})`),
  );
  if (!token?.created_by) throw new Unauthenticated("This API token is not valid: it may have expired or been revoked.");
  const creator = await withContext(db, { userId: token.created_by }, async (tx) => {
    const [row] = await tx
      .select({ user: users, orgName: organisations.name, orgType: organisations.type, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(and(eq(memberships.userId, token.created_by!), eq(memberships.orgId, token.org_id), eq(users.status, "active"), eq(organisations.status, "active")));
    return row;
  });
  if (!creator || creator.role !== "org_manager") throw new Unauthenticated("This API token is not valid: it may have expired or been revoked.");
  return {
    tokenId: token.id,
    scopes: parseScopes(token.scopes),
    viewer: {
      userId: creator.user.id,
      email: creator.user.email,
      displayName: creator.user.displayName,
      organisation: { id: token.org_id, name: creator.orgName, type: creator.orgType },
      role: "org_manager",
      sessionId: `api-token:${token.id}`,
    },
  };
}

/**
 * Who a token acts as for an operation of a scope. Reading shared partner data is the analyst's
 * work, so a `shared_read` token acts as an analyst of its organisation: the permission table then
 * decides what it may do (records.read) and the organisation's agreements which rows it sees.
 * Every other scope acts as the partner lead who created the token.
 */
export function actingViewer(client: ApiClient, scope: ApiTokenScope): Viewer {
  return scope === "shared_read" ? { ...client.viewer, role: "analyst" } : client.viewer;
}

/** A Postgres enum array arrives as text ("{submit,read}") from one driver and as an array from the other. */
function parseScopes(value: string | string[]): ApiTokenScope[] {
  const list = Array.isArray(value) ? value : value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return list.filter((scope): scope is ApiTokenScope => (API_TOKEN_SCOPES as readonly string[]).includes(scope));
}
