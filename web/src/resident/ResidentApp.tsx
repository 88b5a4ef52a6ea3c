import { useEffect, useState } from 'react';
import { api, unwrap } from '../api.ts';
import './resident.css';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/** The resident landing page: phone-first, no account, no tracking. */
export default function ResidentApp() {
  const [force, setForce] = useState<Load<string>>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    unwrap(api.api.public.settings.$get())
      .then((settings) => live && setForce({ state: 'ready', value: settings.forceName }))
      .catch((error: unknown) => live && setForce({ state: 'failed', message: error instanceof Error ? error.message : 'Could not reach WardPulse.' }));
    return () => {
      live = false;
    };
  }, []);

  const forceName = force.state === 'ready' ? force.value : 'your local police';
  useEffect(() => {
    document.title = force.state === 'ready' ? `Have your say — ${force.value}` : 'Have your say — WardPulse';
  }, [force]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="r-header">
        <span className="r-brand">WardPulse</span>
        <span className="r-force" aria-live="polite">
          {force.state === 'ready' ? force.value : ''}
        </span>
      </header>
      <main id="main" className="r-main" tabIndex={-1}>
        <h1>Have your say on policing where you live</h1>
        <p>
          Tell {forceName} what matters in your neighbourhood. Surveys take 2 to 5 minutes, you do not need an account,
          and we keep only your ward — never your postcode.
        </p>
        {force.state === 'failed' && (
          <div className="r-alert" role="alert">
            <h2>We could not connect</h2>
            <p>{force.message}</p>
            <button type="button" onClick={() => window.location.reload()}>
              Try again
            </button>
          </div>
        )}
        <section aria-labelledby="open-surveys">
          <h2 id="open-surveys">Open surveys</h2>
          <p className="r-empty">There are no surveys open right now. If you followed a link or QR code, check it is complete.</p>
        </section>
      </main>
      <footer className="r-footer">
        <p>
          Your answers are anonymous. <a href="/staff">Staff sign in</a>
        </p>
      </footer>
    </>
  );
}
