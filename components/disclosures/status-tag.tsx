const LABELS = {
  draft: { label: "Draft", className: "bg-panel text-ink" },
  submitted: { label: "Submitted", className: "bg-[#cce2d8] text-[#005a30]" },
  withdrawn: { label: "Withdrawn", className: "bg-[#f4cdc6] text-[#942514]" },
  superseded: { label: "Superseded", className: "bg-panel text-muted" },
} as const;

/** A disclosure's status as a GOV.UK tag. */
export function StatusTag({ status }: { status: keyof typeof LABELS }) {
  const { label, className } = LABELS[status];
  return <strong className={`inline-block px-2 py-0.5 font-bold ${className}`}>{label}</strong>;
}
