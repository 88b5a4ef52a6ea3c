import { useEffect, type ReactNode } from 'react';

/** One page of the runner: sets the tab's title ("Error: …" while the page shows a problem), as a full page load would. */
export function Page({ title, surveyTitle, error = false, children }: { title: string; surveyTitle: string; error?: boolean; children: ReactNode }) {
  useEffect(() => {
    document.title = `${error ? 'Error: ' : ''}${[title, surveyTitle].filter(Boolean).join(' – ')} – WardPulse`;
  }, [title, surveyTitle, error]);
  return <>{children}</>;
}
