// The lead's answers to the site's must-have questions, as typed (rendered as text).
import type { LeadCard } from '../../shared/api';

export function Answers({ answers }: { answers: LeadCard['answers'] }) {
  if (answers.length === 0) return <p class="muted">No answers given.</p>;
  return (
    <dl class="answers">
      {answers.map((a, i) => (
        <div key={i} class="answer">
          <dt>{a.question}</dt>
          <dd>{a.answer}</dd>
        </div>
      ))}
    </dl>
  );
}
