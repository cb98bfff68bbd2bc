import { readFile } from 'node:fs/promises';
import { parseCertificate } from '../../shared/domain/certificate';
import { CliUsageError } from './errors';

/**
 * Reads the file given as --idp-cert (the IdP signing certificate, PEM, as pasted in Twilio) and
 * checks that it parses. No file given: undefined (trust is then not checked). An unreadable file or
 * one that is not a certificate is a usage error (exit 2).
 */
export async function readIdpCertificate(file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  let idpCertPem: string;
  try {
    idpCertPem = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read the certificate file ${file} (${(error as { code?: string }).code ?? 'error'})`);
  }
  const cert = parseCertificate(idpCertPem);
  if (!cert.ok) throw new CliUsageError(`${file}: ${cert.message}`);
  return idpCertPem;
}
