/** Something the process needs at start-up is not there (a broker that refuses connections, say). */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
