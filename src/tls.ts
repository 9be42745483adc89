/**
 * HTTPS: a key and certificate from PEM files (`--tls-cert FILE --tls-key FILE`), or made for the
 * run (`--tls self-signed`, by the `selfsigned` library: no hand-written ASN.1), and the trust a
 * client of an HTTPS target needs (`--tls-ca FILE`: record, conform, pact verify).
 *
 * Every problem is a ConfigError naming the flag (the CLI exits 2): a file that cannot be read, one
 * that holds no PEM certificate or key, a key that is not the certificate's.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { ConfigError } from './config.js';

export interface TlsMaterial {
  /** PEM. */
  cert: string;
  /** PEM. */
  key: string;
}

function readPem(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(flag, 'a readable PEM file', `${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** A certificate's PEM, checked (else a ConfigError naming `flag`). */
export function certificatePem(flag: string, file: string): string {
  const pem = readPem(flag, file);
  try {
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no certificate');
    new X509Certificate(pem);
  } catch {
    throw new ConfigError(flag, 'a PEM certificate (-----BEGIN CERTIFICATE-----)', file);
  }
  return pem;
}

/** The key and certificate of `--tls-cert` / `--tls-key`, each checked, the key the certificate's. */
export function tlsFromFiles(certFile: string, keyFile: string): TlsMaterial {
  const cert = certificatePem('tls-cert', certFile);
  const key = readPem('tls-key', keyFile);
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError('tls-key', 'a PEM private key without a passphrase (-----BEGIN PRIVATE KEY-----)', keyFile);
  }
  if (!new X509Certificate(cert).checkPrivateKey(privateKey)) {
    throw new ConfigError('tls-key', `the private key of the --tls-cert certificate (${certFile})`, keyFile);
  }
  return { cert, key };
}

/** The names a certificate made for this run answers to: loopback, this machine, the bound address (every interface's for 0.0.0.0). */
export function certificateNames(host: string): string[] {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname()]);
  if (host === '0.0.0.0' || host === '::') {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(i.address.replace(/%.*$/, ''));
  } else names.add(host);
  return [...names].filter((n) => n !== '');
}

/** A key and a self-signed certificate for `names` (DNS names and IP addresses), valid from an hour ago for 30 days. */
export async function selfSignedTls(names: readonly string[]): Promise<TlsMaterial> {
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 3600_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 30 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'ocp-mock' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // A leaf, not a CA: rustls (the Pact verifier) refuses a CA certificate as a server's.
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir spins for ever on some file systems
 * (`/proc/x/y` keeps answering ENOENT), where this fails at the first level it cannot make.
 */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirs(parent);
  mkdirSync(dir);
}

/** Writes a certificate made for the run where asked (else a fresh temporary folder) and answers the path. */
export function writeCertificate(pem: string, file?: string): string {
  const path = file ?? join(mkdtempSync(join(tmpdir(), 'ocp-mock-tls-')), 'cert.pem');
  try {
    makeDirs(dirname(path));
    writeFileSync(path, pem);
  } catch (e) {
    throw new ConfigError('tls-cert-out', 'a file path that can be written', `${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return path;
}

/** The certificate authorities a client trusts with `--tls-ca`: Node's own and the given one. */
export function trustWith(extraCaPem: string | undefined): string[] | undefined {
  return extraCaPem === undefined ? undefined : [...rootCertificates, extraCaPem];
}
