/**
 * Community messages for residents: a message at `/m/<id>` (rate, reply, share), signing up at
 * `/signup`, and the pages the e-mails link to (confirm, manage, unsubscribe). Its own chunk:
 * phone-first, no account, no cookies, no zod.
 */
import type { Locale } from '@wardpulse/domain';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { UI_LOCALES } from '../strings/surveys.ts';
import { useLocation } from '../../shared/navigation.tsx';
import { postcodeExample, PostcodeExampleContext } from '../postcode-example.ts';
import { preferredLocale } from '../preferred-locale.ts';
import { saveLocale } from '../storage.ts';
import { LanguageSwitch, useDocumentLocale } from '../language.tsx';
import { publicApi } from './client.ts';
import { linkSearch } from './helpers.ts';
import { MessagePage } from './MessagePage.tsx';
import { messagesRoute } from './paths.ts';
import { messagesTranslator, MessagesT, type MessagesTranslate } from '../strings/messages.ts';
import '../resident.css';
import './messages.css';

// A message opened from an e-mail is the common case: the sign-up pages load only when asked for.
const SignupPage = lazy(() => import('./SignupPage.tsx').then((m) => ({ default: m.SignupPage })));
const ManagePage = lazy(() => import('./ManagePage.tsx').then((m) => ({ default: m.ManagePage })));
const ConfirmPage = lazy(() => import('./TokenPages.tsx').then((m) => ({ default: m.ConfirmPage })));
const UnsubscribePage = lazy(() => import('./TokenPages.tsx').then((m) => ({ default: m.UnsubscribePage })));

export default function MessagesApp() {
  const location = useLocation();
  const [path, query = ''] = location.split('?') as [string, string?];
  const search = linkSearch(query, window.location.hash);
  const route = messagesRoute(path) ?? { page: 'not-found' };
  const [forceName, setForceName] = useState<string | null>(null);
  const [examplePostcode, setExamplePostcode] = useState<string | null>(null);
  const [settled, setSettled] = useState(false);
  // The same choice as the survey app's, kept on the phone: one switch for everything a resident reads.
  const [locale, setLocale] = useState<Locale>(preferredLocale);
  const t = useMemo(() => messagesTranslator(locale), [locale]);
  const example = useMemo(() => postcodeExample(examplePostcode), [examplePostcode]);

  useDocumentLocale(locale);

  useEffect(() => {
    let live = true;
    publicApi
      .settings()
      .then((settings) => {
        if (!live) return;
        setForceName(settings.forceName);
        setExamplePostcode(settings.examplePostcode);
      })
      .catch(() => undefined)
      .finally(() => live && setSettled(true));
    return () => {
      live = false;
    };
  }, []);

  let page;
  const choose = (next: Locale) => {
    setLocale(next);
    saveLocale(next);
  };

  switch (route.page) {
    case 'message':
      page = <MessagePage key={route.id} id={route.id} search={search} />;
      break;
    case 'signup':
      // Its opening line names the force: drawn once the settings are in (they usually beat the
      // page's own chunk), so the form below does not move down when the name arrives.
      page = settled ? <SignupPage forceName={forceName} /> : <p role="status">{t('loading')}</p>;
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
      page = <NotFound t={t} />;
  }

  return (
    <MessagesT value={t}>
      <a className="r-skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="r-header">
        <div className="r-header__inner">
          <a href="/" className="r-brand">
            WardPulse
          </a>
          <span className="r-force">{forceName ?? ''}</span>
        </div>
      </header>
      <LanguageSwitch locales={UI_LOCALES} locale={locale} label={t('language')} onChoose={choose} />
      <main id="main" className="r-main" tabIndex={-1}>
        <PostcodeExampleContext value={example}>
          <Suspense fallback={<p role="status">{t('loading')}</p>}>{page}</Suspense>
        </PostcodeExampleContext>
      </main>
      <footer className="r-footer">
        <p>
          {t('footerNoCookies')} <a href="/signup">{t('footerSignup')}</a>
        </p>
      </footer>
    </MessagesT>
  );
}

function NotFound({ t }: { t: MessagesTranslate }) {
  useEffect(() => {
    document.title = `${t('notFoundTitle')} — WardPulse`;
  }, [t]);
  return (
    <>
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <a href="/signup">{t('signupForMessages')}</a>
      </p>
    </>
  );
}
