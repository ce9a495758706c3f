import type { Viewer } from "./viewer";

/** The row-level-security context of a viewer's request. */
export function contextOf(viewer: Pick<Viewer, "userId" | "role"> & { organisation: { id: string } }) {
  return { userId: viewer.userId, orgId: viewer.organisation.id, role: viewer.role };
}
