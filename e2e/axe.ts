import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);

/**
 * Runs axe against the page as it is now and fails on any serious or critical WCAG 2.2 AA
 * violation, listing each rule with the elements it hit so the failure reads without a trace.
 */
export async function expectAccessible(page: Page, name?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.filter(
    (violation) => violation.impact != null && FAILING_IMPACTS.has(violation.impact),
  );
  const report = violations
    .map((violation) => {
      const targets = violation.nodes
        .map((node) => `    - ${node.target.join(" ")}${node.failureSummary ? `: ${node.failureSummary.replace(/\s+/g, " ")}` : ""}`)
        .join("\n");
      return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${targets}`;
    })
    .join("\n");
  expect(violations, `Accessibility violations on ${name ?? page.url()}:\n${report}`).toEqual([]);
}
