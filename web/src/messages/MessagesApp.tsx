/**
 * Community messages for residents: a message at `/m/<id>` (rate, reply, share), signing up at
 * `/signup`, and the pages the e-mails link to (confirm, manage, unsubscribe). Its own chunk:
 * phone-first, no account, no cookies, no zod.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocation } from '../resident/navigation.tsx';
import { publicApi } from './client.ts';
import { MessagePage } from './MessagePage.tsx';
import { messagesRoute } from './paths.ts';
import '../resident/resident.css';
import './messages.css';

// A message opened from an e-mail is the common case: the sign-up pages load only when asked for.
const SignupPage = lazy(() => import('./SignupPage.tsx').then((m) => ({ default: m.SignupPage })));
const ManagePage = lazy(() => import('./ManagePage.tsx').then((m) => ({ default: m.ManagePage })));
const ConfirmPage = lazy(() => import('./TokenPages.tsx').then((m) => ({ default: m.ConfirmPage })));
const UnsubscribePage = lazy(() => import('./TokenPages.tsx').then((m) => ({ default: m.UnsubscribePage })));

export default function MessagesApp() {
  const location = useLocation();
  const [path, query = ''] = location.split('?') as [string, string?];
  const search = query ? `?${query}` : '';
  const route = messagesRoute(path) ?? { page: 'not-found' };
  const [forceName, setForceName] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.lang = 'en-GB';
    document.documentElement.dir = 'ltr';
    let live = true;
    publicApi
      .settings()
      .then((settings) => live && setForceName(settings.forceName))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  let page;
  switch (route.page) {
    case 'message':
      page = <MessagePage key={route.id} id={route.id} search={search} />;
      break;
    case 'signup':
      page = <SignupPage forceName={forceName} />;
      break;
    case 'confirm':
      page = <ConfirmPage search={search} />;
      break;
    case 'manage':
      page = <ManagePage search={search} />;
      break;
    case 'unsubscribe':
      page = <UnsubscribePage search={search} />;
      break;
    default:
      page = <NotFound />;
  }

  return (
    <>
      <a className="r-skip-link" href="#main">
        Skip to main content
      </a>
      <header className="r-header">
        <div className="r-header__inner">
          <a href="/" className="r-brand">
            WardPulse
          </a>
          <span className="r-force">{forceName ?? ''}</span>
        </div>
      </header>
      <main id="main" className="r-main" tabIndex={-1}>
        <Suspense fallback={<p role="status">Loading…</p>}>{page}</Suspense>
      </main>
      <footer className="r-footer">
        <p>
          This page sets no cookies. <a href="/signup">Get messages about your area</a>
        </p>
      </footer>
    </>
  );
}

function NotFound() {
  useEffect(() => {
    document.title = 'Page not found — WardPulse';
  }, []);
  return (
    <>
      <h1>Page not found</h1>
      <p>If you followed a link from an e-mail, check it is complete.</p>
      <p>
        <a href="/signup">Sign up for messages about your area</a>
      </p>
    </>
  );
}
