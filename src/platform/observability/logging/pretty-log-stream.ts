import pretty from 'pino-pretty';
import type { DestinationStream } from 'pino';

interface LogEntry {
  context?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  [key: string]: unknown;
}

/**
 * One readable line per entry for a person at a terminal: time, level, where it comes from, what happened;
 * a request as `GET /api/v1/orders/… 200 4 ms`. The trace id stays on the line, to find the request's spans.
 */
export function prettyLogStream(): DestinationStream {
  return pretty({
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: 'pid,hostname,context,req,res,responseTime,spanId',
    messageFormat: (entry: LogEntry, messageKey: string) => {
      const where = entry.context ? `[${entry.context}] ` : '';
      if (entry.req && entry.res) return `${where}${entry.req.method} ${entry.req.url} ${entry.res.statusCode} ${entry.responseTime ?? '?'} ms`;
      return `${where}${String(entry[messageKey] ?? '')}`;
    },
  });
}
