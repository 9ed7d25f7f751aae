// Must-have answers as people read them. Pure.
import type { Question } from './site-rules';

export interface LabelledAnswer {
  questionId: string;
  /** The question as the site asks it. */
  question: string;
  /** A choice's label, or the text typed. */
  answer: string;
  /** What was stored: a choice's value, or the text typed. */
  value: string;
}

/** Each question of the site that was answered, in the site's order. */
export function labelledAnswers(questions: readonly Question[], answers: Readonly<Record<string, string>>): LabelledAnswer[] {
  return questions
    .filter((q) => answers[q.id] !== undefined)
    .map((q) => {
      const value = answers[q.id]!;
      return { questionId: q.id, question: q.label, answer: q.options?.find((o) => o.value === value)?.label ?? value, value };
    });
}
