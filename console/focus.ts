// Sends keyboard and screen reader users to the first field a failed submit flagged.
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  // After the render that marks the fields invalid.
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
