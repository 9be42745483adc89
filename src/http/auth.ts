/**
 * Who is calling and what they may do. OCP clients sign in with HTTP Basic or an AK/SK signature;
 * the roles and what they grant are OCP's defaults (src/contract/permissions.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OcpError } from '../contract/errors.js';
import { GRANTS, type Permission, ROLES } from '../contract/permissions.js';
import { dateIsFresh, parseSignedAuthorization, type SignedRequestParts, sign, signatureMatches } from './signature.js';

export { PERMISSIONS, type Permission, ROLES, type Role } from '../contract/permissions.js';

export const AccessKeySchema = z.strictObject({ id: z.string().min(1), secret: z.string().min(1) });

export const UserSchema = z.strictObject({
  id: z.number().int().positive(),
  username: z.string().min(1),
  password: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  /** For OCP's AK/SK signatures: the request acts as this user. */
  accessKeys: z.array(AccessKeySchema).optional(),
});
export type User = z.infer<typeof UserSchema>;

/** The built-in users, documented in README. `admin` has OCP's id for it (100, as in the samples). */
export const DEFAULT_USERS: readonly User[] = [
  { id: 100, username: 'admin', password: 'admin', roles: ['ADMIN'], accessKeys: [{ id: 'admin-ak', secret: 'admin-sk' }] },
  { id: 101, username: 'operator', password: 'operator', roles: ['HOST_MANAGER', 'TASK_MANAGER'], accessKeys: [{ id: 'operator-ak', secret: 'operator-sk' }] },
  { id: 102, username: 'viewer', password: 'viewer', roles: ['HOST_VIEWER', 'TASK_VIEWER'], accessKeys: [{ id: 'viewer-ak', secret: 'viewer-sk' }] },
];

/** Reads a users file: a JSON array of `{id, username, password, roles}`; throws a readable Error. */
export function loadUsersFile(path: string): User[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read users file as JSON (${(e as Error).message})`);
  }
  const parsed = z.array(UserSchema).min(1).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Attempts left that IAM10004's message prints (*inferred*: the mock does not lock accounts). */
const ATTEMPTS_LEFT = 5;

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** What a signature check needs of the request; read lazily (only for AK/SK). */
export interface RequestCredentials {
  authorization: string | undefined;
  signedParts: () => SignedRequestParts;
  /** Wall time, for the `Date` window. */
  now: number;
}

export class UserDirectory {
  private readonly byName: Map<string, User>;
  private readonly byAccessKey = new Map<string, { user: User; secret: string }>();
  constructor(users: readonly User[]) {
    this.byName = new Map(users.map((u) => [u.username, u]));
    for (const u of users) for (const k of u.accessKeys ?? []) this.byAccessKey.set(k.id, { user: u, secret: k.secret });
  }

  /** The user behind a request's credentials (HTTP Basic or an AK/SK signature), or OCP's 401. */
  authenticate(credentials: RequestCredentials): User {
    const signed = credentials.authorization ? parseSignedAuthorization(credentials.authorization) : undefined;
    if (!signed) return this.authenticateBasic(credentials.authorization);
    const key = this.byAccessKey.get(signed.accessKeyId);
    const parts = credentials.signedParts();
    if (!dateIsFresh(parts.date, credentials.now)) throw new OcpError('notLoggedIn');
    // Compute a signature even for an unknown key, so timing tells nothing.
    const expected = sign(key?.secret ?? '\u0000no-such-key', parts);
    if (!key || !signatureMatches(expected, signed.signature)) throw new OcpError('notLoggedIn');
    return key.user;
  }

  /**
   * Headers already checked, so a client polling with the same credentials does not pay two
   * SHA-256 digests a request. Only exact, proven-good header values are kept, bounded.
   */
  private readonly proven = new Map<string, User>();

  /**
   * The user behind an `Authorization` header this directory has already proven good (one map
   * lookup, no digest), else undefined: an unproven header takes `authenticate`, which answers it.
   */
  provenUser(header: string | undefined): User | undefined {
    return header === undefined ? undefined : this.proven.get(header);
  }

  /** The user an HTTP Basic `Authorization` header names, or OCP's 401. */
  authenticateBasic(header: string | undefined): User {
    const known = header === undefined ? undefined : this.proven.get(header);
    if (known) return known;
    const user = this.checkBasic(header);
    if (this.proven.size >= 256) this.proven.clear();
    this.proven.set(header as string, user);
    return user;
  }

  private checkBasic(header: string | undefined): User {
    const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
    if (!m) throw new OcpError('notLoggedIn');
    const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OcpError('notLoggedIn');
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const user = this.byName.get(username);
    // Compare digests in constant time, and compare even for an unknown user, so timing tells nothing.
    const match = timingSafeEqual(digest(password), digest(user?.password ?? '\u0000no-such-user'));
    if (!user || !match) throw new OcpError('badCredentials', [ATTEMPTS_LEFT]);
    return user;
  }
}

export function hasPermission(user: User, permission: Permission): boolean {
  return user.roles.some((r) => GRANTS[r].includes(permission));
}

export function requirePermission(user: User, permission: Permission): void {
  if (!hasPermission(user, permission)) throw new OcpError('forbidden');
}
