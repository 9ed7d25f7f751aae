// A one-time link just made: shown once to copy, and whether it was also emailed.
import { useEffect, useRef } from 'preact/hooks';
import { CopyField } from '../ui/CopyField';
import type { OneTimeLink } from '../types';

interface Props {
  id: string;
  title: string;
  link: OneTimeLink;
  email: string;
  validFor: string;
  onClose: () => void;
}

export function LinkResult({ id, title, link, email, validFor, onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [link.link]);
  return (
    <div class="link-result" role="region" aria-label={title} tabIndex={-1} ref={box}>
      <p class="link-result-title">{title}</p>
      <p class={link.emailed ? 'link-emailed' : 'link-not-emailed'}>
        {link.emailed
          ? `Emailed to ${email}, and to nobody else: it works once, for ${validFor}.`
          : `Not emailed (this server has no SMTP set up). Copy it and send it to ${email} yourself:`}
      </p>
      {link.link && (
        <>
          <CopyField id={id} label="One-time link" value={link.link} />
          <p class="muted field-hint">It works once, for {validFor}. It will not be shown again.</p>
        </>
      )}
      <button type="button" class="btn btn-small" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
