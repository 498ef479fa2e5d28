/** One server-sent event: its `event:` name (`message` by default) and its parsed `data:`. */
export interface ServerSentEvent {
  type: string;
  data: any;
}

/**
 * A text/event-stream read with fetch, for the e2e suites: every event is kept, `until` waits for one
 * that matches, and `close` ends the request (an open stream would keep the server from closing).
 */
export class EventStream {
  readonly events: ServerSentEvent[] = [];
  /** Everything received, as sent: to check what the stream never carries. */
  raw = '';
  private readonly abort = new AbortController();
  private waiters: Array<() => void> = [];
  private done = false;

  private constructor() {}

  static async open(url: string): Promise<{ stream: EventStream; response: Response }> {
    const stream = new EventStream();
    const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: stream.abort.signal });
    if (response.body) void stream.read(response.body);
    return { stream, response };
  }

  /** Resolves with the events once `done(events)` holds, or rejects after `timeoutMs`. */
  async until(done: (events: ServerSentEvent[]) => boolean, timeoutMs = 30_000): Promise<ServerSentEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.events)) {
      if (this.done) throw new Error(`the stream ended before the expected events; got ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the expected events did not arrive within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.events;
  }

  /** Resolves once the server has ended the stream. */
  async ended(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the stream was still open after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        this.raw += text;
        buffer += text;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        this.wake();
      }
    } catch {
      // aborted by close()
    } finally {
      this.done = true;
      this.wake();
    }
  }

  private parse(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length === 0) return;
    const text = data.join('\n');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    this.events.push({ type, data: parsed });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}
