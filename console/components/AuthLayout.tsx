// The centred card that frames the sign-in and first-run setup forms.
import type { ComponentChildren } from 'preact';

interface Props {
  title: string;
  intro?: string;
  children: ComponentChildren;
}

export function AuthLayout({ title, intro, children }: Props) {
  return (
    <main class="auth">
      <div class="auth-card">
        <p class="brand">
          <span class="brand-mark" aria-hidden="true">
            60
          </span>
          Sixty
        </p>
        <h1>{title}</h1>
        {intro && <p class="auth-intro">{intro}</p>}
        {children}
      </div>
    </main>
  );
}
