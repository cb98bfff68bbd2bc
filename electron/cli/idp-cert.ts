import { parseCertificate } from '../../shared/domain/certificate';
import { CliUsageError } from './errors';
import { readInput } from './read-input';

/** A PEM certificate is 1–3 kB; a chain or a key bundle a little more. Anything larger is not one. */
const MAX_CERTIFICATE_BYTES = 64_000;

/**
 * Reads the file given as --idp-cert (the IdP signing certificate, PEM, as pasted in Twilio) and
 * checks that it parses. No file given: undefined (trust is then not checked). An unreadable,
 * unbounded or oversized file, or one that is not a certificate, is a usage error (exit 2).
 */
export async function readIdpCertificate(file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  if (file === '-') throw new CliUsageError('--idp-cert needs a file; stdin is for the response');
  const idpCertPem = await readInput(file, MAX_CERTIFICATE_BYTES, 'certificate');
  const cert = parseCertificate(idpCertPem);
  if (!cert.ok) throw new CliUsageError(`${file}: ${cert.message}`);
  return idpCertPem;
}
