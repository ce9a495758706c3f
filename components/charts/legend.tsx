import { MUTED } from "./palette";

export type LegendItem = { label: string; colour: string } | { label: string; suppressed: true };

/** A legend as an HTML list, so it wraps on a narrow screen and reads as text. */
export function ChartLegend({ items, patternId }: { items: readonly LegendItem[]; patternId: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-2">
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            {"suppressed" in item ? (
              <>
                <defs>
                  <pattern id={`${patternId}-legend`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect width="6" height="6" fill="#ffffff" />
                    <line x1="0" y1="0" x2="0" y2="6" stroke={MUTED} strokeWidth="2" />
                  </pattern>
                </defs>
                <rect x="0.5" y="0.5" width="15" height="15" fill={`url(#${patternId}-legend)`} stroke={MUTED} />
              </>
            ) : (
              <rect x="0.5" y="0.5" width="15" height="15" fill={item.colour} stroke="#0b0c0c" strokeWidth="0.5" />
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
