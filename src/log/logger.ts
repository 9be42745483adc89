/**
 * One log line per request, on stderr (stdout carries only the URL line), through pino: JSON lines
 * for log shippers (`--log-format json`, written asynchronously, so logging at `info` costs little
 * under load), or pino-pretty's readable lines for people (`pretty`, the default).
 */
import { pino } from 'pino';
import { prettyFactory } from 'pino-pretty';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

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
  /** Writes out what is still buffered (before the process exits). */
  flush(): void;
}

const REQUEST_FIELDS = 'method,path,status,durationMs,scenario,traceId,user,taskId';

/** `POST /api/v2/... 200 3ms scenario=success user=admin task=31173 trace=…` */
function prettyMessage(log: Record<string, unknown>): string {
  const extras = [
    log.scenario && `scenario=${log.scenario}`,
    log.user && `user=${log.user}`,
    log.taskId !== undefined && `task=${log.taskId}`,
    log.traceId && `trace=${log.traceId}`,
  ]
    .filter(Boolean)
    .join(' ');
  return `${log.method} ${log.path} ${log.status} ${log.durationMs}ms ${extras}`.trimEnd();
}

/**
 * A request logger at `level` in `format`. `write` replaces stderr (tests): lines are then
 * written synchronously, one call each.
 */
export function createLogger(level: LogLevel, format: LogFormat, write?: (s: string) => void): Logger {
  if (level === 'silent') return { silent: true, request() {}, flush() {} };
  let destination: { write(s: string): void; flushSync?(): void };
  if (format === 'pretty') {
    const pretty = prettyFactory({
      colorize: false,
      translateTime: 'SYS:standard',
      ignore: `pid,hostname,msg,${REQUEST_FIELDS}`,
      messageFormat: prettyMessage,
    });
    const out = write ?? ((s: string) => process.stderr.write(s));
    destination = { write: (s) => out(pretty(s)) };
  } else {
    destination = write ? { write } : pino.destination({ dest: 2, sync: false });
  }
  const log = pino(
    { level, base: null, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    destination as pino.DestinationStream,
  );
  return {
    silent: false,
    request(line) {
      // Injected 5xx faults are expected: warn, not error.
      if (line.status >= 500) log.warn(line, 'request');
      else log.info(line, 'request');
    },
    flush() {
      destination.flushSync?.();
    },
  };
}
