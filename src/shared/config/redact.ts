/** Never print credentials, even in an error about the URL that holds them. */
export function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
