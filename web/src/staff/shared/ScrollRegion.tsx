import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroller, so the page itself still reflows at 320 px (WCAG
 * 1.4.10): a named region that takes keyboard focus, so it can be scrolled with the arrow keys.
 * Use it for tables read across their columns (figures compared row by row); lists of things
 * read better as stacked rows (`s-stack` with `data-label` on each cell).
 *
 * @example
 * <ScrollRegion label="Change between the waves">
 *   <table className="s-table">…</table>
 * </ScrollRegion>
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `s-scroll-region ${className}` : 's-scroll-region'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
