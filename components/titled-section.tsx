import type { ReactNode } from "react";

type TitledSectionProps = {
  /** The heading's id, which names the section for assistive technology. */
  id: string;
  title: ReactNode;
  className: string;
  children: ReactNode;
};

/** A section of a page under its own second-level heading, which names it. */
export function TitledSection({ id, title, className, children }: TitledSectionProps) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}
