/**
 * Entry point. The resident area and the staff console are separate chunks: a resident's phone
 * never downloads staff code (sign-in library, admin screens).
 */
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { isMessagesPath } from './resident/messages/paths.ts';

const isStaff = window.location.pathname === '/staff' || window.location.pathname.startsWith('/staff/');
// Community messages (`/m/<id>`, `/signup`, …) are a chunk of their own: an e-mail link opens a small page.
const Area = isStaff
  ? lazy(() => import('./staff/StaffApp.tsx'))
  : isMessagesPath(window.location.pathname)
    ? lazy(() => import('./resident/messages/MessagesApp.tsx'))
    : lazy(() => import('./resident/surveys/SurveysApp.tsx'));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<p className="loading" role="status">Loading…</p>}>
      <Area />
    </Suspense>
  </StrictMode>,
);
