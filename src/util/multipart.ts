/**
 * A multipart/form-data body (RFC 7578) split into its parts, over the raw bytes (a file part is
 * binary: it must not pass through text). Small on purpose: the boundary from the content type,
 * each part's Content-Disposition name and filename and its Content-Type; nothing streamed (the
 * body was read whole, under its size limit). A body that is not well-formed is a MultipartError,
 * which the caller words as its API's 400.
 */

export interface FormPart {
  name: string;
  /** Set for a file part. */
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data; boundary=...` content type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** A Content-Disposition parameter (`name="file"`, `filename="a.rpm"`; quoted or not). */
function param(disposition: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(disposition);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/** The parts of `body` (at most `maxParts`), split at `boundary`. */
export function parseMultipart(body: Buffer, boundary: string, maxParts = 16): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) throw new MultipartError('no boundary in the body');
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    // `--` after a delimiter ends the body.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new MultipartError('a boundary not followed by CRLF');
    at += 2;
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd < 0) throw new MultipartError('a part without the blank line after its headers');
    const headers = new Map<string, string>();
    for (const line of body.toString('latin1', at, headEnd).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new MultipartError(`a malformed part header: ${line.slice(0, 80)}`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) throw new MultipartError('a part without its closing boundary');
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    if (!/^form-data\s*(;|$)/i.test(disposition) || name === undefined) throw new MultipartError('a part without Content-Disposition: form-data; name=...');
    if (parts.length >= maxParts) throw new MultipartError(`more than ${maxParts} parts`);
    const rawFileName = param(disposition, 'filename');
    parts.push({
      name,
      // A browser may send a path (old IE); the name is its last segment. Latin-1 read: re-decode as UTF-8.
      fileName:
        rawFileName === undefined
          ? undefined
          : Buffer.from(rawFileName, 'latin1')
              .toString('utf8')
              .replace(/^.*[\\/]/, ''),
      contentType: headers.get('content-type'),
      data: body.subarray(headEnd + 4, next),
    });
    at = next + 2;
  }
}
