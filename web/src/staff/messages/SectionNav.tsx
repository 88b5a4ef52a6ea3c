import { Link, usePath } from '../../shared/navigation.tsx';

const LINKS = [
  { to: '/staff/messages', label: 'All messages' },
  { to: '/staff/messages/dashboard', label: 'Dashboard' },
  { to: '/staff/messages/signups', label: 'Sign-ups' },
  { to: '/staff/messages/outbox', label: 'Outbox' },
] as const;

/** The pages of the messages section. */
export function SectionNav() {
  const path = usePath();
  return (
    <nav className="ms-section-nav" aria-label="Messages">
      <ul>
        {LINKS.map((link) => (
          <li key={link.to}>
            <Link to={link.to} current={path === link.to}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
