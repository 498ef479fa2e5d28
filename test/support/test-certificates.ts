import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** File paths of a certificate, its key and the CA that signed it, as TCP_TLS_* expect them. */
export interface CertificateFiles {
  cert: string;
  key: string;
  ca: string;
}

/** Throwaway certificate authorities and certificates, made with openssl in a fresh folder. */
export class TestCertificates {
  readonly dir = mkdtempSync(join(tmpdir(), 'shop-tls-'));

  /** A self-signed CA; returns the path of its certificate. */
  authority(name: string): string {
    this.openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', this.path(`${name}.key`), '-out', this.path(`${name}.crt`)]);
    return this.path(`${name}.crt`);
  }

  /**
   * A certificate signed by the CA `authority`, good for both ends of a connection (a module's process
   * serves and dials with the same one) and valid for 127.0.0.1 and localhost.
   */
  issue(name: string, authority: string): CertificateFiles {
    const extensions = this.path(`${name}.ext`);
    writeFileSync(extensions, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n');
    this.openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', this.path(`${name}.key`), '-out', this.path(`${name}.csr`)]);
    this.openssl([
      'x509', '-req', '-in', this.path(`${name}.csr`), '-CA', this.path(`${authority}.crt`), '-CAkey', this.path(`${authority}.key`),
      '-CAcreateserial', '-days', '2', '-extfile', extensions, '-out', this.path(`${name}.crt`),
    ]);
    return { cert: this.path(`${name}.crt`), key: this.path(`${name}.key`), ca: this.path(`${authority}.crt`) };
  }

  read(file: string): string {
    return readFileSync(file, 'utf8');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private path(file: string): string {
    return join(this.dir, file);
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { stdio: 'pipe' });
  }
}
