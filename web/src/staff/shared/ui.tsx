/** Small pieces every console page may use: a modal dialog, the page title, focus after a move. */
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A modal `<dialog>`: the browser traps focus inside it and Escape cancels it; focus goes back to
 * whatever opened it when it closes.
 */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    if (!open && opener.current instanceof HTMLElement && opener.current.isConnected) {
      opener.current.focus();
      opener.current = null;
    }
  }, [open]);
  return (
    <dialog ref={ref} className="sv-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {open && children}
    </dialog>
  );
}

/**
 * Sets the document title after the console shell has set its own (the shell's effect runs after
 * its pages' effects, so a plain effect here would be overwritten).
 */
export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    if (!title) return;
    const timer = window.setTimeout(() => {
      document.title = `${title} — Staff console — WardPulse`;
    });
    return () => window.clearTimeout(timer);
  }, [title]);
}

export const errorText = (error: unknown, fallback: string) => (error instanceof Error && error.message ? error.message : fallback);

/**
 * Focus an element by id after the next render: moving an item in a list re-inserts its DOM
 * node, which drops the focus of the button that moved it.
 */
export function useFocusLater(): (id: string) => void {
  const pending = useRef<string | null>(null);
  const [, rerender] = useState(0);
  useLayoutEffect(() => {
    if (!pending.current) return;
    const element = document.getElementById(pending.current);
    pending.current = null;
    element?.focus();
  });
  return (id: string) => {
    pending.current = id;
    rerender((n) => n + 1);
  };
}
