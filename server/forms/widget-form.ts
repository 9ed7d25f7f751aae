// What the widget is told about a mapped form: the fields to read, never how they map.
import type { FormMapping, WidgetForm } from '../../shared/forms';

export function widgetForm(key: string, mapping: FormMapping): WidgetForm {
  const names = Object.keys(mapping.fields);
  const phone = names.find((n) => {
    const t = mapping.fields[n]!;
    return t.kind === 'trait' && t.trait === 'phone';
  });
  return {
    key,
    // Only fields with a target: an ignored field is never read.
    read: names.filter((n) => mapping.fields[n]!.kind !== 'ignore'),
    action: mapping.action,
    ...(phone ? { phone } : {}),
  };
}
