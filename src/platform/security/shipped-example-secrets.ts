/**
 * Every JWT secret this repository has ever shipped, in deployment files or in tests. Anyone who has read the
 * repository can sign an admin token with one of them, so a production process refuses them all (see
 * load-config.ts) and a development process warns. A value stays here after the file that shipped it is
 * gone: a copy of an old manifest may still be deployed somewhere.
 *
 * test/architecture/shipped-secrets.spec.ts fails when a file under docker/ ships a secret missing here.
 */
export const SHIPPED_EXAMPLE_SECRETS: readonly string[] = [
  // docker/secrets/jwt_secret.example and the Secret in docker/k8s/10-config.yaml, until they were removed.
  'replace-me-with-a-long-random-secret-of-at-least-32-chars',
  // test/support/tokens.ts: what the e2e shops are started with.
  'e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz',
];

/** True when `secret` (as read: surrounding whitespace aside) is one of the values shipped in this repository. */
export function isShippedExampleSecret(secret: string): boolean {
  return SHIPPED_EXAMPLE_SECRETS.includes(secret.trim());
}
