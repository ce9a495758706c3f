import { dismissRejectionAction } from "@/app/uploads/rejected/actions";
import { connection } from "next/server";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PublicIntroduction } from "@/components/home/public-introduction";
import { getViewer } from "@/lib/auth/viewer";
import { getDashboard } from "@/lib/dashboard/service";

/** Signed in: the role's dashboard. Otherwise: what the portal is for and how to get access. */
export default async function HomePage() {
  await connection();
  const viewer = await getViewer();
  if (!viewer) return <PublicIntroduction />;
  return <DashboardView viewer={viewer} dashboard={await getDashboard(viewer)} dismissRejection={dismissRejectionAction} />;
}
