// What the chosen accent means for reading: the text colour the widget will put on it (white or
// dark, whichever contrasts more: shared/contrast.ts, the same rule the config endpoint serves),
// and a warning when even that stays under WCAG AA, or when the accent is too light to draw on
// white, so the form shows ink there instead.
import { AA_TEXT, accentText, contrast, WHITE } from '../../../shared/contrast';

const ratio = (r: number) => `${(Math.floor(r * 100) / 100).toFixed(2)}:1`;

export function AccentContrast({ accent, id }: { accent: string; id: string }) {
  const { textColor, textContrast, accentOnWhite } = accentText(accent);
  const text = textColor === WHITE ? 'white' : 'dark';
  if (textContrast < AA_TEXT)
    return (
      <p class="warning" id={id} role="status" data-contrast="low">
        Neither white nor dark text is readable enough on {accent}: the best, {text} text, reaches {ratio(textContrast)}, under the {AA_TEXT}:1 WCAG AA asks
        for. Visitors with low vision may not read the launcher. Pick a darker or a lighter colour.
      </p>
    );
  return (
    <p class="field-hint" id={id} role="status" data-contrast="ok">
      The widget writes {text} text on it ({ratio(textContrast)}, WCAG AA).
      {accentOnWhite !== accent &&
        ` On white it reads at only ${ratio(contrast(accent, WHITE))}, so selected answers and focus rings are drawn in dark ink instead.`}
    </p>
  );
}
