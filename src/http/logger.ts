/** One log line per request, on stderr (stdout carries only the URL line), pretty or JSON. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'pretty' | 'json';

export interface RequestLogLine {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  scenario?: string;
  traceId?: string;
  user?: string;
  taskId?: number;
}

export interface Logger {
  /** True when no request line would be written (callers skip building one). */
  readonly silent: boolean;
  request(line: RequestLogLine): void;
}

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function createLogger(level: LogLevel, format: LogFormat, write: (s: string) => void = (s) => process.stderr.write(s)): Logger {
  return {
    silent: level === 'silent',
    request(line) {
      // Injected 5xx faults are expected: warn, not error.
      const lineLevel: LogLevel = line.status >= 500 ? 'warn' : 'info';
      if (RANK[lineLevel] > RANK[level]) return;
      const time = new Date().toISOString();
      if (format === 'json') {
        write(`${JSON.stringify({ time, level: lineLevel, msg: 'request', ...line })}\n`);
        return;
      }
      const extras = [
        line.scenario && `scenario=${line.scenario}`,
        line.user && `user=${line.user}`,
        line.taskId !== undefined && `task=${line.taskId}`,
        line.traceId && `trace=${line.traceId}`,
      ]
        .filter(Boolean)
        .join(' ');
      write(`${time} ${lineLevel.toUpperCase().padEnd(5)} ${line.method} ${line.path} ${line.status} ${line.durationMs}ms ${extras}\n`);
    },
  };
}
