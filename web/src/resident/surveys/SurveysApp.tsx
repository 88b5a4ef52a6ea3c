import type { Locale, SurveyContent } from '@wardpulse/domain';
import { localise } from '@wardpulse/domain/constants/locales';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, unwrap } from '../../shared/api.ts';
import { LanguageSwitch, useDocumentLocale } from '../language.tsx';
import { translator, UI_LOCALES, type Translate } from '../strings/surveys.ts';
import { Link, useLocation } from '../../shared/navigation.tsx';
import { keepForOffline } from './offline.ts';
import { startOutbox } from './outbox.ts';
import { PostcodeExampleContext, postcodeExample } from '../postcode-example.ts';
import { preferredLocale } from '../preferred-locale.ts';
import { saveLocale } from '../storage.ts';
import { SurveyFacts } from './survey-facts.tsx';
import { parseStep, type RunnableSurvey } from './steps.ts';
import { SurveyRunner } from './SurveyRunner.tsx';
import '../resident.css';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; status: number; message: string };

const failed = (error: unknown): Load<never> =>
  error instanceof ApiError ? { state: 'failed', status: error.status, message: error.message } : { state: 'failed', status: 0, message: error instanceof Error ? error.message : '' };

type Settings = Awaited<ReturnType<typeof loadSettings>>;
const loadSettings = () => unwrap(api.api.public.settings.$get());

/** The resident area: open surveys at `/`, a survey at `/s/<slug>`. Phone-first, no account, no tracking. */
export default function ResidentApp() {
  const location = useLocation();
  const [chosenLocale, setChosenLocale] = useState<Locale>(preferredLocale);
  const [offered, setOffered] = useState<readonly Locale[]>(UI_LOCALES);
  const [settings, setSettings] = useState<Load<Settings>>({ state: 'loading' });
  const force = useMemo((): Load<string> => (settings.state === 'ready' ? { state: 'ready', value: settings.value.forceName } : settings), [settings]);
  const example = useMemo(() => postcodeExample(settings.state === 'ready' ? settings.value.examplePostcode : null), [settings]);

  const locale = offered.includes(chosenLocale) ? chosenLocale : 'en';
  const t = useMemo(() => translator(locale), [locale]);

  useDocumentLocale(locale);

  useEffect(() => {
    startOutbox();
    let live = true;
    loadSettings()
      .then((value) => live && setSettings({ state: 'ready', value }))
      .catch((error: unknown) => live && setSettings(failed(error)));
    return () => {
      live = false;
    };
  }, []);

  const choose = (next: Locale) => {
    setChosenLocale(next);
    saveLocale(next);
  };

  const [path, search = ''] = location.split('?') as [string, string?];
  const survey = /^\/s\/([a-z0-9-]+)(\/.*)?$/.exec(path);
  let page;
  if (path === '/' || path === '') page = <SurveyList t={t} locale={locale} force={force} />;
  else if (survey) page = <SurveyPage key={survey[1]} slug={survey[1]!} rest={survey[2] ?? ''} search={search ? `?${search}` : ''} locale={locale} t={t} forceName={force.state === 'ready' ? force.value : null} onLocales={setOffered} />;
  else page = <NotFound t={t} />;

  return (
    <>
      <a className="r-skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="r-header">
        <div className="r-header__inner">
          <Link to="/" className="r-brand">
            WardPulse
          </Link>
          <span className="r-force" aria-live="polite">
            {force.state === 'ready' ? force.value : ''}
          </span>
        </div>
      </header>
      {offered.length > 1 && (
        <LanguageSwitch locales={offered} locale={locale} label={t('language')} onChoose={choose} />
      )}
      <main id="main" className="r-main" tabIndex={-1}>
        <PostcodeExampleContext value={example}>{page}</PostcodeExampleContext>
      </main>
      <footer className="r-footer">
        <p>
          {t('anonymousFooter')} <a href="/staff">{t('staffSignIn')}</a>
        </p>
      </footer>
    </>
  );
}

type OpenSurveys = Awaited<ReturnType<typeof loadOpenSurveys>>['surveys'];
const loadOpenSurveys = () => unwrap(api.api.public.surveys.$get());

function SurveyList({ t, locale, force }: { t: Translate; locale: Locale; force: Load<string> }) {
  const forceName = force.state === 'ready' ? force.value : null;
  const [surveys, setSurveys] = useState<Load<OpenSurveys>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    loadOpenSurveys()
      .then((value) => {
        if (!live) return;
        setSurveys({ state: 'ready', value: value.surveys });
        void keepForOffline(['/api/public/surveys', '/api/public/settings']);
      })
      .catch((error: unknown) => live && setSurveys(failed(error)));
    return () => {
      live = false;
    };
  }, [attempt]);
  useEffect(() => {
    document.title = force.state === 'ready' ? `Have your say — ${force.value}` : 'Have your say — WardPulse';
  }, [force]);

  const problem = surveys.state === 'failed' ? surveys : force.state === 'failed' ? force : null;
  return (
    <>
      <h1>{t('homeTitle')}</h1>
      <p className="r-lead">{t('homeIntro', { force: force.state === 'ready' ? force.value : t('yourLocalPolice') })}</p>
      {problem && (
        <div className="r-alert" role="alert">
          <h2>{t('couldNotConnect')}</h2>
          <p>{problem.status === 0 ? t('offlineNoCopy') : problem.message}</p>
          <button type="button" className="r-button r-button--secondary" onClick={() => window.location.reload()}>
            {t('tryAgain')}
          </button>
        </div>
      )}
      <section aria-labelledby="open-surveys">
        <h2 id="open-surveys">{t('openSurveys')}</h2>
        {surveys.state === 'loading' && <p role="status">{t('loading')}</p>}
        {surveys.state === 'ready' && surveys.value.length === 0 && <p className="r-empty">{t('noSurveys')}</p>}
        {surveys.state === 'ready' && surveys.value.length > 0 && (
          <ul className="r-survey-list">
            {surveys.value.map((survey) => (
              <li key={survey.slug} className="r-survey-list__item">
                <Link to={`/s/${survey.slug}`} className="r-survey-list__link">
                  {localise(survey.title, locale)}
                </Link>
                <SurveyFacts survey={survey} forceName={forceName} t={t} />
              </li>
            ))}
          </ul>
        )}
        {surveys.state === 'failed' && (
          <button type="button" className="r-link-button" onClick={() => setAttempt((n) => n + 1)}>
            {t('tryAgain')}
          </button>
        )}
      </section>
    </>
  );
}

type PublicSurvey = Awaited<ReturnType<typeof loadSurvey>>;
const loadSurvey = (slug: string) => unwrap(api.api.public.surveys[':slug'].$get({ param: { slug } }));

interface SurveyPageProps {
  slug: string;
  rest: string;
  search: string;
  locale: Locale;
  t: Translate;
  forceName: string | null;
  onLocales(locales: readonly Locale[]): void;
}

function SurveyPage({ slug, rest, search, locale, t, forceName, onLocales }: SurveyPageProps) {
  const [survey, setSurvey] = useState<Load<PublicSurvey>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    loadSurvey(slug)
      .then((value) => {
        if (!live) return;
        setSurvey({ state: 'ready', value });
        onLocales(value.content.locales);
        void keepForOffline([`/api/public/surveys/${slug}`, '/api/public/settings', '/api/public/wards']);
      })
      .catch((error: unknown) => live && setSurvey(failed(error)));
    return () => {
      live = false;
      onLocales(UI_LOCALES);
    };
  }, [slug, attempt, onLocales]);

  const step = parseStep(rest, search);
  if (!step) return <NotFound t={t} />;
  if (survey.state === 'loading') return <p role="status">{t('loading')}</p>;
  if (survey.state === 'failed') {
    if (survey.status === 404) {
      return (
        <>
          <h1>{t('notFoundTitle')}</h1>
          <p>{survey.message}</p>
          <p>
            <Link to="/">{t('seeOpenSurveys')}</Link>
          </p>
        </>
      );
    }
    return (
      <div className="r-alert" role="alert">
        <h1>{t('couldNotConnect')}</h1>
        <p>{survey.status === 0 ? t('offlineNoCopy') : survey.message}</p>
        <button type="button" className="r-button r-button--secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('tryAgain')}
        </button>
      </div>
    );
  }
  const runnable: RunnableSurvey = { ...survey.value, content: survey.value.content as SurveyContent };
  return <SurveyRunner survey={runnable} step={step} locale={locale} t={t} forceName={forceName} />;
}

function NotFound({ t }: { t: Translate }) {
  return (
    <>
      <h1>{t('notFoundTitle')}</h1>
      <p>
        <Link to="/">{t('seeOpenSurveys')}</Link>
      </p>
    </>
  );
}
