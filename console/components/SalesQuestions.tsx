// The four sales-qualification questions a rep answers to mark a lead SQL (DOMAIN.md).
import type { SalesQualification } from '../hooks/queue-api';
import { TextField } from './TextField';

export const SALES_QUESTIONS: ReadonlyArray<{ key: keyof SalesQualification; label: string; hint: string }> = [
  { key: 'needs', label: 'Need', hint: 'What problem do they need solved?' },
  { key: 'currentSolution', label: 'Current solution', hint: 'What do they use or do today?' },
  { key: 'decisionMaker', label: 'Decision maker', hint: 'Who decides and signs, and are they on the call?' },
  { key: 'readyOrBudget', label: 'Ready to move / budget', hint: 'When would they start, and is there budget?' },
];

export const EMPTY_QUALIFICATION: SalesQualification = { needs: '', currentSolution: '', decisionMaker: '', readyOrBudget: '' };

interface Props {
  value: SalesQualification;
  errors: Record<string, string>;
  onChange: (value: SalesQualification) => void;
}

export function SalesQuestions({ value, errors, onChange }: Props) {
  return (
    <fieldset class="sales-questions">
      <legend>Sales qualification (all four for SQL)</legend>
      {SALES_QUESTIONS.map((q) => (
        <TextField
          key={q.key}
          id={`sql-${q.key}`}
          label={q.label}
          hint={q.hint}
          value={value[q.key]}
          required
          error={errors[`qualification.${q.key}`]}
          onValue={(text) => onChange({ ...value, [q.key]: text })}
        />
      ))}
    </fieldset>
  );
}
