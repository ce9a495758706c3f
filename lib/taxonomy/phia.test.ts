import { describe, expect, it } from "vitest";
import { phiaTerm } from "./phia";

describe("phiaTerm", () => {
  it.each([
    [0, "remote chance"],
    [0.05, "remote chance"],
    [0.15, "highly unlikely"],
    [0.3, "unlikely"],
    [0.45, "realistic possibility"],
    [0.6, "likely"],
    [0.75, "likely"],
    [0.85, "highly likely"],
    [0.95, "almost certain"],
    [1, "almost certain"],
  ])("words %d as %s", (probability, term) => {
    expect(phiaTerm(probability)).toBe(term);
  });

  it.each([
    [0.07, "remote chance"],
    [0.08, "highly unlikely"],
    [0.22, "highly unlikely"],
    [0.52, "realistic possibility"],
    [0.53, "likely"],
    [0.77, "likely"],
    [0.78, "highly likely"],
    [0.92, "highly likely"],
    [0.93, "almost certain"],
  ])("words %d, in a gap, with the nearer band (%s)", (probability, term) => {
    expect(phiaTerm(probability)).toBe(term);
  });

  it.each([-0.01, 1.01, Number.NaN])("refuses %d, which is not a probability", (probability) => {
    expect(() => phiaTerm(probability)).toThrow(RangeError);
  });
});
