import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from '../../shared/navigation.tsx';

/**
 * The console's main navigation. On a wide screen the links sit in a row; on a phone (below
 * 40rem, see staff.css) they fold behind a "Menu" button that says whether it is open
 * (`aria-expanded`), closes again on Escape and after a link is followed.
 */
export function ConsoleNav({ pages, path }: { pages: readonly { path: string; label: string }[]; path: string }) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [path]);
  const current = pages.find((page) => page.path === path) ?? pages.find((page) => page.path !== '/staff' && path.startsWith(`${page.path}/`));
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <nav className="s-nav" aria-label="Console" onKeyDown={onKeyDown}>
      <button type="button" className="s-nav-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((was) => !was)} ref={toggle}>
        {current ? `Menu: ${current.label}` : 'Menu'}
      </button>
      <ul id={listId} className={open ? 's-nav-list s-nav-open' : 's-nav-list'} onClick={(event) => (event.target as Element).closest('a') && setOpen(false)}>
        {pages.map((item) => (
          <li key={item.path}>
            <Link to={item.path} current={item.path === path}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
