/**
 * Entry point. The resident area and the staff console are separate chunks: a resident's phone
 * never downloads staff code (sign-in library, admin screens). `react` is Preact's compat layer
 * here (vite.config.ts); shell.css is what the first paint needs before an area's own styles.
 */
import { options } from 'preact';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { isMessagesPath, messagesRoute } from './resident/messages/paths.ts';
import './shell.css';

// React runs the effects of a render a click or key press caused before the browser paints, so
// focus lands on an error summary or a new field in the frame it appears; Preact waits for the
// next frame. Flushing them in a microtask keeps the timing this code (and its tests) relies on.
options.requestAnimationFrame = (flush) => queueMicrotask(flush);

const isStaff = window.location.pathname === '/staff' || window.location.pathname.startsWith('/staff/');
// Community messages (`/m/<id>`, `/signup`, …) are a chunk of their own: an e-mail link opens a small page.
const Area = isStaff
  ? lazy(() => import('./staff/StaffApp.tsx'))
  : isMessagesPath(window.location.pathname)
    ? lazy(() => import('./resident/messages/MessagesApp.tsx'))
    : lazy(() => import('./resident/surveys/SurveysApp.tsx'));
// The sign-up page is a chunk inside the messages chunk: asked for now, beside it, not after it.
if (messagesRoute(window.location.pathname)?.page === 'signup') import('./resident/messages/SignupPage.tsx').catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<p className="loading" role="status">Loading…</p>}>
      <Area />
    </Suspense>
  </StrictMode>,
);
