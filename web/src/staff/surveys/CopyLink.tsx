import { useState } from 'react';
import { publicPath, publicUrl } from './client.ts';

/** The resident link, with a button that copies the full address. */
export function CopyLink({ slug, label }: { slug: string; label?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(publicUrl(slug));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <span className="sv-copy">
      <a href={publicPath(slug)} className="sv-public-link">
        {publicPath(slug)}
      </a>
      <button type="button" className="sv-button-secondary sv-button-small" onClick={() => void copy()} aria-label={label ?? `Copy link ${publicPath(slug)}`}>
        Copy link
      </button>
      <span role="status" className="sv-copy-status">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? `Copy failed: the link is ${publicUrl(slug)}` : ''}
      </span>
    </span>
  );
}
