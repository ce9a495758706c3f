import "server-only";
import { notFound } from "next/navigation";
import { authorise } from "@/lib/access/authorise";
import type { Permission } from "@/lib/access/permissions";
import { requireViewer, type Viewer } from "@/lib/auth/viewer";
import { Forbidden, NotFound } from "@/lib/errors";

/**
 * A page's viewer, if they hold the permission: anonymous visitors go to sign in, and anyone
 * else gets "not found" (audited), so a page outside a role does not even confirm it exists.
 */
export async function requirePagePermission(permission: Permission, path: string): Promise<Viewer> {
  return orNotFound(authorise(await requireViewer(path), permission, { path }));
}

/** A page's data; what the viewer may not see, or that does not exist, is a 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFound || error instanceof Forbidden) notFound();
    throw error;
  }
}
