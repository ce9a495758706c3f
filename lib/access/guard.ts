import type { Viewer } from "@/lib/auth/viewer";
import { Forbidden } from "@/lib/errors";
import { can, type Permission } from "./permissions";

/** Services call this first: the viewer holds the permission, or the call goes no further. */
export function assertCan(viewer: Viewer, permission: Permission): void {
  if (!can(viewer.role, permission)) throw new Forbidden();
}

/** The row-level-security context of a viewer's request. */
export function contextOf(viewer: Pick<Viewer, "userId" | "role"> & { organisation: { id: string } }) {
  return { userId: viewer.userId, orgId: viewer.organisation.id, role: viewer.role };
}
