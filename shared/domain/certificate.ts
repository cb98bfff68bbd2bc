import { sha256 } from '@noble/hashes/sha2.js';
import type { ClaimProblem } from './claims';
import { daysLeftWords, longDate } from './dates';
import { children, DerError, oid, readNode, text, time, type DerNode } from './der';

export interface ParsedCertificate {
  ok: true;
  /** Normalised PEM, BEGIN/END lines included, 64-character lines (what the Twilio Console takes). */
  pem: string;
  /** The DER as one line of base64. */
  base64: string;
  subject: string;
  issuer: string;
  /** ISO 8601 */
  notBefore: string;
  /** ISO 8601 */
  notAfter: string;
  /** AA:BB:… uppercase hex */
  sha256Fingerprint: string;
  signatureAlgorithm: string;
  /** Whole days left until notAfter (negative once expired). */
  daysLeft: number;
  /** cert-expired (error), cert-expiring (warning, < 30 days), cert-not-yet-valid, weak-signature-algorithm (SHA-1). */
  problems: ClaimProblem[];
}

export type CertificateResult = ParsedCertificate | { ok: false; message: string };

const NEAR_EXPIRY_DAYS = 30;

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
};

const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

const BASE64_BODY = /^[A-Za-z0-9+/]+={0,2}$/;

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function distinguishedName(bytes: Uint8Array, name: DerNode): string {
  const parts: string[] = [];
  for (const set of children(bytes, name)) {
    for (const pair of children(bytes, set)) {
      const [type, value] = children(bytes, pair);
      if (!type || !value) continue;
      const id = oid(bytes, type);
      parts.push(`${NAME_ATTRIBUTES[id] ?? id}=${text(bytes, value)}`);
    }
  }
  return parts.join(', ');
}

/** Extracts the base64 body from PEM or bare base64; tolerates whitespace, quotes and line breaks. */
function certificateBase64(input: string): string | { error: string } {
  let body = input.trim().replace(/^["']|["']$/g, '');
  const pem = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(body);
  if (pem) {
    if (pem[1] !== 'CERTIFICATE' && pem[1] !== 'X509 CERTIFICATE' && pem[1] !== 'TRUSTED CERTIFICATE') {
      return { error: `this is a PEM "${pem[1]}", not a certificate; paste the block that starts with -----BEGIN CERTIFICATE-----` };
    }
    body = pem[2]!;
  } else if (/-----BEGIN/.test(body)) {
    return { error: 'the PEM block is incomplete: the -----END CERTIFICATE----- line is missing' };
  }
  body = body.replace(/\\n/g, '').replace(/\s+/g, '');
  if (body === '') return { error: 'the certificate is empty; paste the PEM text or its base64 body' };
  if (!BASE64_BODY.test(body)) return { error: 'a certificate is PEM (-----BEGIN CERTIFICATE-----…) or base64 text; this contains other characters' };
  return body;
}

function fingerprint(bytes: Uint8Array): string {
  return Array.from(sha256(bytes), (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(':');
}

/** Reads an X.509 certificate (PEM or bare base64) and judges its dates and signature algorithm. */
export function parseCertificate(input: string, now: Date = new Date()): CertificateResult {
  const body = certificateBase64(input);
  if (typeof body !== 'string') return { ok: false, message: body.error };
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(body);
  } catch {
    return { ok: false, message: "the certificate's base64 text is damaged (copy it again from the IdP)" };
  }
  try {
    const certificate = readNode(bytes, 0);
    if (certificate.tag !== 0x30 || certificate.end !== bytes.length) throw new DerError('not a certificate');
    const [tbs, algorithm] = children(bytes, certificate);
    if (!tbs || !algorithm || tbs.tag !== 0x30) throw new DerError('not a certificate');
    const fields = children(bytes, tbs);
    const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
    const issuer = fields[offset + 2];
    const validity = fields[offset + 3];
    const subject = fields[offset + 4];
    if (!issuer || !validity || !subject) throw new DerError('not a certificate');
    const [notBeforeNode, notAfterNode] = children(bytes, validity);
    if (!notBeforeNode || !notAfterNode) throw new DerError('not a certificate');
    const algorithmOid = children(bytes, algorithm)[0];
    if (!algorithmOid || algorithmOid.tag !== 0x06) throw new DerError('not a certificate');
    const algorithmId = oid(bytes, algorithmOid);
    const signatureAlgorithm = SIGNATURE_ALGORITHMS[algorithmId] ?? algorithmId;
    const notBefore = time(bytes, notBeforeNode);
    const notAfter = time(bytes, notAfterNode);
    const subjectName = distinguishedName(bytes, subject);
    const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);

    const problems: ClaimProblem[] = [];
    if (notAfter.getTime() <= now.getTime()) {
      problems.push({
        code: 'cert-expired',
        severity: 'error',
        message: `the certificate expired on ${longDate(notAfter.toISOString())}; Twilio rejects responses signed with it. Make a new signing certificate active in the IdP, paste it into the Twilio Console and test again`,
      });
    } else if (daysLeft < NEAR_EXPIRY_DAYS) {
      problems.push({
        code: 'cert-expiring',
        severity: 'warning',
        message: `the certificate expires on ${longDate(notAfter.toISOString())} (${daysLeftWords(daysLeft)}); plan the rotation: activate the new certificate in the IdP and update the X.509 field in Twilio on the same day`,
      });
    }
    if (notBefore.getTime() > now.getTime()) {
      problems.push({
        code: 'cert-not-yet-valid',
        severity: 'warning',
        message: `the certificate is valid only from ${longDate(notBefore.toISOString())}; check the clock or wait`,
      });
    }
    if (/sha1|SHA1|md5/i.test(signatureAlgorithm)) {
      problems.push({
        code: 'weak-signature-algorithm',
        severity: 'warning',
        message: `the certificate is signed with ${signatureAlgorithm}; SHA-1 is outdated: choose SHA-256 in the IdP's signing settings and issue a new certificate`,
      });
    }
    const base64 = bytesToBase64(bytes);
    return {
      ok: true,
      pem: `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`,
      base64,
      subject: subjectName,
      issuer: distinguishedName(bytes, issuer),
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      sha256Fingerprint: fingerprint(bytes),
      signatureAlgorithm,
      daysLeft,
      problems,
    };
  } catch (error) {
    if (error instanceof DerError && error.truncated && bytes[0] === 0x30) {
      return {
        ok: false,
        message:
          "The certificate is cut short: part of its text is missing. Copy the IdP's signing certificate again, whole, from BEGIN CERTIFICATE to END CERTIFICATE.",
      };
    }
    return { ok: false, message: "This is not an X.509 certificate. Paste the IdP's signing certificate, as PEM text or base64." };
  }
}
