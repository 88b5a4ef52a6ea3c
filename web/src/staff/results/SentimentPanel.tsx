import type { QuestionResult, SurveyResults, UnitQuestionResult } from '@wardpulse/domain';
import { Fragment, useId, useState } from 'react';
import { useStaffApi } from '../shared/api.tsx';
import { errorText } from '../shared/ui.tsx';
import { ShareBars } from './charts.tsx';
import { getTextInsights, type TextInsights } from './client.ts';
import { cellStatus, formatCount, formatInterval, formatMean, formatShare, LEVEL_LABELS } from './format.ts';
import { unitName } from './ResultsTable.tsx';

const CLASSES = [
  { key: 'positive', label: 'Positive' },
  { key: 'neutral', label: 'Neutral' },
  { key: 'negative', label: 'Negative' },
] as const;

type Insight = { state: 'loading' } | { state: 'loaded'; insights: TextInsights } | { state: 'failed'; message: string };

/**
 * Free-text answers: the share positive, neutral and negative (word-list scoring) with intervals
 * and the mean score, force-wide and by unit, and on request each unit's themes (key phrases with
 * counts, shares and examples) and, where allowed, quotes.
 */
export function SentimentPanel({ surveyId, results, question }: { surveyId: string; results: SurveyResults; question: QuestionResult }) {
  const id = useId();
  const api = useStaffApi();
  const threshold = results.disclosure.threshold;
  const force = results.force[question.id];
  const [open, setOpen] = useState<Record<string, Insight>>({});
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const rows = [
    { key: 'force', level: 'force' as const, name: 'Whole force', figures: force },
    ...(results.level === 'force' ? [] : results.units.map((unit) => ({ key: unit.code, level: results.level, name: unitName(unit), figures: question.units[unit.code] }))),
  ];

  const load = async (unit: string, level: (typeof rows)[number]['level']) => {
    setOpen((current) => ({ ...current, [unit]: { state: 'loading' } }));
    try {
      const insights = await getTextInsights(api, surveyId, { question: question.id, unit, level });
      setOpen((current) => ({ ...current, [unit]: { state: 'loaded', insights } }));
    } catch (error) {
      setOpen((current) => ({ ...current, [unit]: { state: 'failed', message: errorText(error, 'The themes could not be loaded.') } }));
    }
  };

  const toggle = (unit: string, level: (typeof rows)[number]['level']) => {
    const next = new Set(expanded);
    if (next.has(unit)) {
      next.delete(unit);
    } else {
      next.add(unit);
      if (open[unit]?.state !== 'loaded') void load(unit, level);
    }
    setExpanded(next);
  };

  return (
    <section className="res-sentiment" aria-labelledby={id} data-testid={`sentiment-${question.id}`}>
      <h3 id={id}>{question.title}</h3>
      <p className="s-muted">
        Whole force{force?.base.status === 'shown' ? `, ${formatCount(force.base.n)} comments` : ''}.
      </p>
      <details className="res-method" data-testid="sentiment-method">
        <summary>Sentiment: word-list scoring (positive / neutral / negative)</summary>
        <p>
          Each comment is scored by looking up its words in a list of words rated by people as positive or negative, allowing for words such as “not” and “very”. The
          mean score runs from −1 (most negative) to 1 (most positive); a comment scoring between −0.05 and 0.05 counts as neutral.
        </p>
        <p>
          Treat it as a rough guide: tested on 4,200 short texts (social-media posts) that people had rated, it agreed with them about 83% of the time. It misses sarcasm and local slang,
          so read the comments before drawing conclusions.
        </p>
      </details>
      <ShareBars caption={`${question.title}: share of comments by sentiment, whole force`} rows={CLASSES.map((c) => ({ key: c.key, label: c.label, cell: force?.sentiment?.[c.key] }))} threshold={threshold} />
      <p className="res-headline-figure">
        <span className="res-mean-label">Mean sentiment score</span> <span className="res-mean-value">{meanText(force, threshold)}</span>
      </p>
      <div className="res-table-wrap">
        <table className="s-table s-stack res-table res-sentiment-table">
          <caption>
            Sentiment by {results.level === 'force' ? 'force' : LEVEL_LABELS[results.level].singular.toLowerCase()}, with themes and quotes on request
          </caption>
          <thead>
            <tr>
              <th scope="col">{results.level === 'force' ? 'Force' : LEVEL_LABELS[results.level].singular}</th>
              {CLASSES.map((c) => (
                <th key={c.key} scope="col" className="s-numeric">
                  {c.label}
                </th>
              ))}
              <th scope="col" className="s-numeric">
                Mean score
              </th>
              <th scope="col">Themes and quotes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const panelId = `${id}-${row.key}`;
              const isOpen = expanded.has(row.key);
              const insight = open[row.key];
              return (
                <Fragment key={row.key}>
                  <tr>
                    <th scope="row">{row.name}</th>
                    {CLASSES.map((c) => {
                      const cell = row.figures?.sentiment?.[c.key];
                      return (
                        <td key={c.key} className="s-numeric" data-label={c.label}>
                          {cell?.status === 'shown' ? formatShare(cell.share) : cellStatus(cell, threshold).text}
                        </td>
                      );
                    })}
                    <td className="s-numeric" data-label="Mean score">{meanText(row.figures, threshold)}</td>
                    <td>
                      <button type="button" className="res-button-secondary res-button-small" aria-expanded={isOpen} aria-controls={panelId} onClick={() => toggle(row.key, row.level)}>
                        Themes and quotes<span className="s-visually-hidden"> for {row.name}</span>
                      </button>
                    </td>
                  </tr>
                  <tr id={panelId} hidden={!isOpen} className="res-insight-row">
                    <td colSpan={CLASSES.length + 3}>{isOpen && insight && <InsightView insight={insight} name={row.name} retry={() => void load(row.key, row.level)} />}</td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The mean score, only where the number of comments behind it is shown. */
function meanText(figures: UnitQuestionResult | undefined, threshold: number): string {
  if (figures?.base.status !== 'shown') return cellStatus(figures?.base, threshold).text;
  const score = figures.sentiment?.meanScore;
  return score === null || score === undefined ? '–' : formatMean(score, 2);
}

function InsightView({ insight, name, retry }: { insight: Insight; name: string; retry: () => void }) {
  if (insight.state === 'loading') return <p role="status">Reading the comments for {name}…</p>;
  if (insight.state === 'failed') {
    return (
      <div className="s-alert" role="alert">
        <p>{insight.message}</p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  const { insights } = insight;
  return (
    <div className="res-insight" data-testid="text-insights">
      <p>
        {name}: read {formatCount(insights.textsRead)} {insights.textsRead === 1 ? 'comment' : 'comments'}
        {insights.truncated ? ' (a sample: there are more)' : ''}.
      </p>
      <h4>Themes</h4>
      {insights.themes === null ? (
        <p className="res-withheld-note">Themes are not shown: {insights.withheld?.message ?? 'disclosure control does not allow them here.'}</p>
      ) : insights.themes.length === 0 ? (
        <p className="s-muted">No phrase comes up in two or more comments, so there are no themes to show.</p>
      ) : (
        <div className="res-table-wrap">
          <table className="s-table s-stack res-table res-themes-table" data-testid="themes-table">
            <caption>
              {name}: key phrases mentioned in two or more of the {formatCount(insights.textsRead)} comments read, with similar wordings counted together
            </caption>
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col" className="s-numeric">
                  Comments
                </th>
                <th scope="col" className="s-numeric">
                  Share of comments (95% interval)
                </th>
                <th scope="col">Examples</th>
              </tr>
            </thead>
            <tbody>
              {insights.themes.map((theme) => (
                <tr key={theme.phrase}>
                  <th scope="row">
                    {theme.phrase}
                    {theme.forms.length > 1 && <span className="res-theme-forms">also “{theme.forms.slice(1).join('”, “')}”</span>}
                  </th>
                  <td className="s-numeric" data-label="Comments">
                    {formatCount(theme.count)}
                  </td>
                  <td className="s-numeric" data-label="Share of comments (95% interval)">
                    {formatShare(theme.share)} ({formatInterval(theme.lower, theme.upper)})
                  </td>
                  <td data-label="Examples">
                    <ul className="res-quotes">
                      {theme.examples.map((example, i) => (
                        <li key={i}>
                          <blockquote>{example}</blockquote>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>Quotes</h4>
      {insights.quotes === null ? (
        <p className="res-withheld-note" data-testid="quotes-withheld">
          Quotes are not shown: {insights.withheld?.message ?? 'disclosure control does not allow them here.'}
        </p>
      ) : insights.quotes.length === 0 ? (
        <p className="s-muted">No quotes to show.</p>
      ) : (
        <>
          <p className="s-muted">Names, e-mail addresses and phone numbers are redacted.</p>
          <ul className="res-quotes">
            {insights.quotes.map((quote, i) => (
              <li key={i}>
                <blockquote>{quote}</blockquote>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
