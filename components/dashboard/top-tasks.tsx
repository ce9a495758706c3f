import Link from "next/link";
import type { DashboardTask } from "@/lib/dashboard/tasks";

/** The two or three things the viewer does most, as large links at the top of their home page. */
export function TopTasks({ tasks }: { tasks: readonly DashboardTask[] }) {
  if (tasks.length === 0) return null;
  return (
    <nav aria-label="Things you do most">
      <ul className="grid gap-3 sm:grid-cols-3">
        {tasks.map((task, index) => (
          <li key={task.href}>
            <Link
              href={task.href}
              className={
                index === 0
                  ? "block h-full bg-action px-4 py-3 text-lg font-bold text-white no-underline visited:text-white hover:bg-action-hover hover:text-white"
                  : "block h-full border-2 border-link px-4 py-3 text-lg font-bold"
              }
            >
              {task.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
