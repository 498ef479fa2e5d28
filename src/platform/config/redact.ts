/**
 * Never print credentials, even in an error about the URL that holds them: every `scheme://user:pass@`
 * in the text loses its user and password, however many URLs the text holds.
 */
export function redact(text: string): string {
  return text.replace(/\/\/[^@/\s]*@/g, '//***@');
}
