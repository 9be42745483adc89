/** `--tls self-signed`, `--tls-cert FILE --tls-key FILE`, `--tls-cert-out FILE`, `--tls-ca FILE`: checked, each problem naming its flag (exit 2). */
import { ConfigError } from '../config.js';
import { certificatePem, type TlsMaterial, tlsFromFiles } from '../tls.js';

/** How the server speaks TLS: with these files' key and certificate, or with ones made for the run. */
export type TlsSetting = { material: TlsMaterial } | { selfSigned: true; certOut?: string };

type Get = (name: 'tls' | 'tls-cert' | 'tls-key' | 'tls-cert-out' | 'tls-ca') => string | undefined;

export function tlsSetting(get: Get): TlsSetting | undefined {
  const mode = get('tls');
  const certFile = get('tls-cert');
  const keyFile = get('tls-key');
  const certOut = get('tls-cert-out');
  if (mode !== undefined && mode !== 'self-signed')
    throw new ConfigError('tls', '"self-signed" (or --tls-cert FILE --tls-key FILE for a certificate of your own)', mode);
  if (mode === 'self-signed') {
    if (certFile !== undefined || keyFile !== undefined)
      throw new ConfigError(
        certFile !== undefined ? 'tls-cert' : 'tls-key',
        'no file with --tls self-signed (it makes its own key and certificate)',
        certFile ?? keyFile,
      );
    return { selfSigned: true, ...(certOut !== undefined ? { certOut } : {}) };
  }
  if (certOut !== undefined) throw new ConfigError('tls-cert-out', 'to go with --tls self-signed (where the certificate made for the run is written)', certOut);
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined) throw new ConfigError('tls-cert', 'a PEM certificate file beside --tls-key', undefined);
  if (keyFile === undefined) throw new ConfigError('tls-key', 'a PEM private key file beside --tls-cert', undefined);
  return { material: tlsFromFiles(certFile, keyFile) };
}

/** `--tls-ca FILE`: a certificate (PEM) a client of an https:// target trusts beside Node's own. */
export function tlsCa(get: Get): string | undefined {
  const file = get('tls-ca');
  return file === undefined ? undefined : certificatePem('tls-ca', file);
}
