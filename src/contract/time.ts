/**
 * OCP's wire format for instants: ISO-8601 with the server's UTC offset, milliseconds with
 * trailing zeros dropped (".74", not ".740") and no fraction at all on a whole second
 * (`createTime` in every sample). Source: shared/contract README, "JSON keys ... times".
 */

/** Parses an offset such as "+08:00", "-05:30" or "Z" into minutes east of UTC; undefined if malformed. */
export function parseOffset(text: string): number | undefined {
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 18 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function offsetSuffix(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const DAY_MS = 86_400_000;

/**
 * `YYYY-MM-DD` of a day number (days since 1970-01-01), in integer arithmetic (Howard Hinnant's
 * civil_from_days): no Date object and no cache, for the several times every answer prints.
 */
function datePart(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Formats an epoch-millisecond instant as OCP prints it, e.g. `2021-09-03T15:01:10.636+08:00`. */
export function formatOcpTime(epochMs: number, offsetMinutes: number): string {
  const local = epochMs + offsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  let rest = local - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ms = rest - seconds * 1000;
  let fraction = '';
  if (ms !== 0) fraction = `.${pad(ms, 3).replace(/0+$/, '')}`;
  return `${datePart(day)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}${offsetSuffix(offsetMinutes)}`;
}

/** Formats an instant as OCP's log lines print it: `2021-08-25 15:09:32.716` (local to the offset). */
export function formatLogTime(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** Whole seconds, as OCP stores `createTime` (a database DATETIME without fraction). */
export function truncateToSecond(epochMs: number): number {
  return Math.floor(epochMs / 1000) * 1000;
}
