import "server-only";
import { notFound } from "next/navigation";
import { can, type Permission } from "@/lib/access/permissions";
import { auditDenial } from "@/lib/access/denial";
import { requireViewer, type Viewer } from "@/lib/auth/viewer";
import { Forbidden, NotFound } from "@/lib/errors";

/**
 * A page's viewer, if they hold the permission: anonymous visitors go to sign in, and anyone
 * else gets "not found" (audited), so a page outside a role does not even confirm it exists.
 */
export async function requirePagePermission(permission: Permission, path: string): Promise<Viewer> {
  const viewer = await requireViewer(path);
  if (!can(viewer.role, permission)) {
    await auditDenial(viewer, permission, { path });
    notFound();
  }
  return viewer;
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
