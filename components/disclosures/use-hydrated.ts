import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the page is only HTML (and during hydration), true once scripts run: a question
 * revealed by an answer is hidden only when scripts can reveal it again, as GOV.UK does.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
