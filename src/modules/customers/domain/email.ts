/** Emails are unique regardless of case: this is the form that uniqueness is checked on. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
