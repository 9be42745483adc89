/**
 * What an rpm says about itself: its lead (96 bytes, magic ed ab ee db), then the signature header
 * and the main header (magic 8e ad e8 01, each an index of 16-byte entries and a data store; the
 * main header starts on an 8-byte boundary after the signature). Only the name, version, release
 * and arch tags are read. A file whose headers do not parse is named by its file name instead
 * (`name-version-release.arch.rpm`, *inferred*); neither: PKG10006.
 */
import { OcpError } from '../../contract/errors.js';

export const RPM_LEAD_MAGIC = Buffer.from([0xed, 0xab, 0xee, 0xdb]);
export const RPM_HEADER_MAGIC = Buffer.from([0x8e, 0xad, 0xe8, 0x01]);
const LEAD_BYTES = 96;
export const RPM_TAGS = { name: 1000, version: 1001, release: 1002, arch: 1022 } as const;
/** RPM_STRING_TYPE and RPM_I18NSTRING_TYPE. */
const STRING_TYPES = new Set([6, 9]);

export interface Nvra {
  name: string;
  version: string;
  release: string;
  arch: string;
}

export function isRpm(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && RPM_LEAD_MAGIC.equals(Buffer.from(bytes.buffer, bytes.byteOffset, 4));
}

/** One header at `at`: its string tags, and where the next byte after it is; undefined if it does not parse. */
function readHeader(b: Buffer, at: number): { tags: Map<number, string>; end: number } | undefined {
  if (at + 16 > b.length || !b.subarray(at, at + 4).equals(RPM_HEADER_MAGIC)) return undefined;
  const count = b.readUInt32BE(at + 8);
  const storeBytes = b.readUInt32BE(at + 12);
  const store = at + 16 + count * 16;
  const end = store + storeBytes;
  if (count > 10_000 || end > b.length) return undefined;
  const tags = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const e = at + 16 + i * 16;
    const tag = b.readUInt32BE(e);
    const offset = b.readUInt32BE(e + 8);
    if (!STRING_TYPES.has(b.readUInt32BE(e + 4)) || offset >= storeBytes) continue;
    const zero = b.indexOf(0, store + offset);
    if (zero < 0 || zero > end) return undefined;
    tags.set(tag, b.toString('utf8', store + offset, zero));
  }
  return { tags, end };
}

/** The name, version, release and arch the rpm's main header holds, if it parses. */
export function rpmHeaderNvra(bytes: Uint8Array): Nvra | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isRpm(b) || b.length < LEAD_BYTES) return undefined;
  const signature = readHeader(b, LEAD_BYTES);
  if (!signature) return undefined;
  const main = readHeader(b, signature.end + ((8 - (signature.end % 8)) % 8));
  if (!main) return undefined;
  const [name, version, release, arch] = [RPM_TAGS.name, RPM_TAGS.version, RPM_TAGS.release, RPM_TAGS.arch].map((t) => main.tags.get(t));
  if (!name || !version || !release || !arch) return undefined;
  return { name, version, release, arch };
}

const FILE_NAME = /^(.+)-([^-]+)-([^-]+)\.([^.-]+)\.rpm$/;

/** `name-version-release.arch.rpm` read off a file name (*inferred* fallback), or undefined. */
export function fileNameNvra(fileName: string): Nvra | undefined {
  const m = FILE_NAME.exec(fileName);
  if (!m) return undefined;
  const [, name, version, release, arch] = m as unknown as [string, string, string, string, string];
  return { name, version, release, arch };
}

/** What an uploaded rpm is: from its headers, else its file name; PKG10004 for bytes that are no rpm, PKG10006 for neither. */
export function describeRpm(fileName: string, bytes: Uint8Array): Nvra & { source: 'header' | 'fileName' } {
  if (!isRpm(bytes)) throw new OcpError('packageFileType', [bytes.length === 0 ? 'empty' : 'unknown', 'rpm']);
  const fromHeader = rpmHeaderNvra(bytes);
  if (fromHeader) return { ...fromHeader, source: 'header' };
  const fromName = fileNameNvra(fileName);
  if (fromName) return { ...fromName, source: 'fileName' };
  throw new OcpError('packageUnparsable', []);
}

/** Builds a minimal rpm (lead, empty signature, main header with these tags), for tests and examples. */
export function buildRpm(nvra: Nvra, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const lead = Buffer.alloc(LEAD_BYTES);
  RPM_LEAD_MAGIC.copy(lead, 0);
  lead.writeUInt8(3, 4);
  lead.write(`${nvra.name}-${nvra.version}-${nvra.release}`.slice(0, 65), 10, 'latin1');
  const header = (entries: [number, string][]) => {
    const strings = entries.map(([, v]) => Buffer.from(`${v}\0`, 'utf8'));
    const store = Buffer.concat(strings);
    const head = Buffer.alloc(16 + entries.length * 16);
    RPM_HEADER_MAGIC.copy(head, 0);
    head.writeUInt32BE(entries.length, 8);
    head.writeUInt32BE(store.length, 12);
    let offset = 0;
    entries.forEach(([tag], i) => {
      head.writeUInt32BE(tag, 16 + i * 16);
      head.writeUInt32BE(6, 20 + i * 16);
      head.writeUInt32BE(offset, 24 + i * 16);
      head.writeUInt32BE(1, 28 + i * 16);
      offset += (strings[i] as Buffer).length;
    });
    return Buffer.concat([head, store]);
  };
  const signature = header([]);
  const pad = Buffer.alloc((8 - ((LEAD_BYTES + signature.length) % 8)) % 8);
  const main = header([
    [RPM_TAGS.name, nvra.name],
    [RPM_TAGS.version, nvra.version],
    [RPM_TAGS.release, nvra.release],
    [RPM_TAGS.arch, nvra.arch],
  ]);
  return Buffer.concat([lead, signature, pad, main, payload]);
}
