/**
 * IdP metadata import, the pure half: entity IDs, sign-on URLs per binding, certificates with
 * their use, and the three Twilio Console fields (with advice on which certificate to paste).
 */
import type { Finding, FindingCode } from '../findings';
import { parseCertificate } from '../domain/certificate';
import { daysLeftWords, longDate } from '../domain/dates';
import { finding as responseFinding, metadataFixFor, type FixContext } from './fixes';
import { getPlaybook, isIdpId } from '../idps';
import { decodeBase64, decodeText, MAX_METADATA_CHARS } from './input';
import type { MetadataCertificate, MetadataReport } from './report';
import { attr, childElements, descendants, firstChild, MAX_METADATA_ELEMENTS, NS, parseXmlSafely, textOf, type XElement } from './xml';

export interface MetadataOptions {
  now?: Date;
  /** In an aggregate (EntitiesDescriptor), the IdP entity to read. */
  entityId?: string;
  idp?: string;
}

const BINDING_PREFERENCE = ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST'];

/** A finding about metadata: the fix of a code shared with the response analysis is metadata's own. */
function finding(code: FindingCode, severity: Finding['severity'], message: string, about: FixContext): Finding {
  return responseFinding(code, severity, message, about, metadataFixFor(code, about.idp));
}

function emptyReport(findings: Finding[]): MetadataReport {
  return {
    ok: false,
    entityId: null,
    ssoUrls: {},
    certificates: [],
    consoleFields: { x509Certificate: null, identityProviderIssuer: null, singleSignOnUrl: null, certificateAdvice: 'No certificate could be read.' },
    metadataSigned: false,
    findings,
  };
}

/** A report for metadata that could not be read at all. */
export function metadataFailureReport(code: FindingCode, message: string, idp?: string): MetadataReport {
  return emptyReport([finding(code, 'error', message, { idp })]);
}

/** Looks at what a body is before parsing, for clearer messages than "not well-formed". */
function sniffNonXml(text: string): string | null {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512);
  if (head === '') return 'The metadata is empty.';
  if (/^<!doctype\s+html|^<html[\s>]/i.test(head) || /<html[\s>]/i.test(head)) {
    return "This is a web page (HTML), not SAML metadata: the address probably leads to a sign-in or portal page. Use the IdP's metadata URL, which returns XML.";
  }
  if (head.startsWith('{') || head.startsWith('[')) return 'This is JSON, not SAML metadata XML (perhaps an OpenID Connect document).';
  if (!head.startsWith('<')) return 'This is not XML, so not SAML metadata.';
  return null;
}

function decodeMaybeBase64(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('<') || trimmed.length < 40) return text;
  const bytes = decodeBase64(trimmed);
  const decoded = bytes ? decodeText(bytes) : null;
  return decoded && decoded.trimStart().startsWith('<') ? decoded : text;
}

function keyDescriptorCertificates(descriptor: XElement): Array<{ use: MetadataCertificate['use']; base64: string }> {
  const out: Array<{ use: MetadataCertificate['use']; base64: string }> = [];
  for (const key of childElements(descriptor, NS.metadata, 'KeyDescriptor')) {
    const useAttr = attr(key, 'use');
    const use: MetadataCertificate['use'] = useAttr === 'signing' ? 'signing' : useAttr === 'encryption' ? 'encryption' : 'unspecified';
    for (const cert of descendants(key, NS.dsig, 'X509Certificate')) {
      const base64 = textOf(cert).replace(/\s+/g, '');
      if (base64) out.push({ use, base64 });
    }
  }
  return out;
}

/** Reads IdP metadata text (XML, or base64 of it); never throws. */
export function readMetadata(input: string, options: MetadataOptions = {}): MetadataReport {
  const now = options.now ?? new Date();
  const idp = options.idp;
  const findings: Finding[] = [];
  const add = (code: FindingCode, severity: Finding['severity'], message: string) => findings.push(finding(code, severity, message, { idp }));

  if (typeof input !== 'string') return emptyReport([finding('malformed-xml', 'error', 'The metadata is not text.', { idp })]);
  const text = decodeMaybeBase64(input);
  const sniffed = sniffNonXml(text);
  if (sniffed) return emptyReport([finding(sniffed.startsWith('The metadata is empty') ? 'malformed-xml' : 'not-saml', 'error', sniffed, { idp })]);
  const parsed = parseXmlSafely(text.replace(/^\uFEFF/, '').trim(), MAX_METADATA_CHARS, MAX_METADATA_ELEMENTS);
  if (!parsed.ok) return emptyReport([finding(parsed.code, 'error', parsed.message, { idp })]);
  const root = parsed.root;

  if (root.namespaceURI !== NS.metadata || (root.localName !== 'EntityDescriptor' && root.localName !== 'EntitiesDescriptor')) {
    const what =
      root.namespaceURI === NS.protocol && root.localName === 'Response'
        ? 'This is a SAML response, not metadata; diagnose it with the response analysis instead.'
        : `The root element is <${root.tagName}>, not SAML metadata (<EntityDescriptor> or <EntitiesDescriptor>).`;
    return emptyReport([finding('not-saml', 'error', what, { idp })]);
  }

  const entities = root.localName === 'EntityDescriptor' ? [root] : descendants(root, NS.metadata, 'EntityDescriptor');
  const idpEntities = entities.filter((entity) => childElements(entity, NS.metadata, 'IDPSSODescriptor').length > 0);
  const aggregate = root.localName === 'EntitiesDescriptor';

  let entity: XElement | null = null;
  if (options.entityId) {
    entity = idpEntities.find((e) => attr(e, 'entityID') === options.entityId) ?? null;
    if (!entity) {
      const known = idpEntities.map((e) => attr(e, 'entityID')).filter(Boolean);
      const report = emptyReport([
        finding(
          'metadata-entity-not-found',
          'error',
          `No identity provider with entityID "${options.entityId}" is in this metadata${known.length ? `; it holds: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}` : ''}.`,
          { idp },
        ),
      ]);
      if (aggregate) report.entities = known as string[];
      return report;
    }
  } else if (idpEntities.length === 1) {
    entity = idpEntities[0]!;
  } else if (idpEntities.length > 1) {
    const known = idpEntities.map((e) => attr(e, 'entityID') ?? '(no entityID)');
    const report = emptyReport([
      finding('metadata-entity-not-found', 'error', `This aggregate holds ${known.length} identity providers; choose one by its entityID (--entity-id).`, {
        idp,
      }),
    ]);
    report.entities = known;
    return report;
  }

  if (!entity) {
    const spOnly = entities.some((e) => childElements(e, NS.metadata, 'SPSSODescriptor').length > 0);
    return emptyReport([
      spOnly
        ? finding(
            'metadata-sp-given',
            'error',
            "This is a service provider's metadata (it describes where to send responses, e.g. Twilio's own), not the identity provider's. The Console needs the IdP's metadata.",
            { idp },
          )
        : finding('metadata-no-idp', 'error', 'This metadata describes no identity provider (no IDPSSODescriptor).', { idp }),
    ]);
  }

  const entityId = attr(entity, 'entityID');
  const descriptors = childElements(entity, NS.metadata, 'IDPSSODescriptor');
  const ssoUrls: Record<string, string> = {};
  for (const descriptor of descriptors) {
    for (const service of childElements(descriptor, NS.metadata, 'SingleSignOnService')) {
      const binding = attr(service, 'Binding');
      const location = attr(service, 'Location');
      if (binding && location && !(binding in ssoUrls)) ssoUrls[binding] = location.trim();
    }
  }
  const rawCerts = descriptors.flatMap(keyDescriptorCertificates);
  const certificates: MetadataCertificate[] = [];
  const fingerprints: Array<string | null> = [];
  for (const raw of rawCerts) {
    const parsedCert = parseCertificate(raw.base64, now);
    if (!parsedCert.ok) {
      add('metadata-no-certificate', 'warning', `A ${raw.use} certificate in the metadata cannot be read (${parsedCert.message}).`);
      continue;
    }
    certificates.push({
      use: raw.use,
      subject: parsedCert.subject,
      notBefore: parsedCert.notBefore,
      notAfter: parsedCert.notAfter,
      sha256Fingerprint: parsedCert.sha256Fingerprint,
      pem: parsedCert.pem,
      expired: Date.parse(parsedCert.notAfter) <= now.getTime(),
    });
    fingerprints.push(parsedCert.sha256Fingerprint);
  }

  // Signed metadata: a Signature directly inside the root or the chosen entity.
  const metadataSignature = firstChild(root, NS.dsig, 'Signature') ?? firstChild(entity, NS.dsig, 'Signature');
  const metadataSigned = metadataSignature !== null;
  let signerFingerprint: string | null = null;
  if (metadataSignature) {
    const embedded = descendants(metadataSignature, NS.dsig, 'X509Certificate')[0];
    const cert = embedded ? parseCertificate(textOf(embedded).replace(/\s+/g, ''), now) : null;
    if (cert?.ok) signerFingerprint = cert.sha256Fingerprint;
  }

  // Entity ID checks
  if (!entityId) add('metadata-no-idp', 'error', 'The identity provider entity has no entityID, so there is no Issuer to paste.');
  else if (/\{[^}]*\}/.test(entityId) || Object.values(ssoUrls).some((url) => /\{[^}]*\}/.test(url))) {
    add(
      'metadata-templated-entity-id',
      'error',
      `The entityID "${entityId}" is a template (it holds a placeholder such as {tenantid}): this is the common multi-tenant metadata, not your tenant's. Twilio needs your tenant's own values.`,
    );
  }
  const validUntil = attr(entity, 'validUntil') ?? attr(root, 'validUntil');
  if (validUntil && Date.parse(validUntil) <= now.getTime()) {
    add('expired', 'warning', `The metadata says it is valid only until ${longDate(validUntil)}; download a current copy from the IdP.`);
  }

  // SSO URL for the Console
  const preferred = BINDING_PREFERENCE.find((binding) => binding in ssoUrls);
  const singleSignOnUrl = preferred ? ssoUrls[preferred]! : null;
  if (!singleSignOnUrl) {
    add(
      'metadata-no-sso-url',
      'error',
      'The metadata has no SAML 2.0 SingleSignOnService with the HTTP-Redirect or HTTP-POST binding, so there is no sign-on URL for Twilio.',
    );
  } else if (!/^https:\/\//i.test(singleSignOnUrl)) {
    add('metadata-not-https', 'warning', `The sign-on URL ${singleSignOnUrl} is not HTTPS; a production IdP is reached over HTTPS.`);
  }

  // Which certificate to paste
  const signing = certificates.map((cert, index) => ({ cert, index })).filter(({ cert }) => cert.use !== 'encryption');
  let chosen: MetadataCertificate | null = null;
  let advice: string;
  if (signing.length === 0) {
    add(
      'metadata-no-certificate',
      'error',
      certificates.length ? 'The metadata lists only encryption certificates, no signing certificate.' : 'The metadata has no signing certificate.',
    );
    advice = "No signing certificate: get it from the IdP's console.";
  } else {
    const valid = signing.filter(({ cert }) => !cert.expired && Date.parse(cert.notBefore ?? '') <= now.getTime());
    const signer = signerFingerprint ? valid.find(({ index }) => fingerprints[index] === signerFingerprint) : undefined;
    const pick = signer ?? valid[0] ?? signing[0]!;
    chosen = pick.cert;
    if (valid.length === 0) {
      const listed = signing.map(({ cert }) => cert);
      const code = listed.some((cert) => cert.expired) ? 'cert-expired' : 'cert-not-yet-valid';
      advice = noUsableCertificate(listed, idp);
      findings.push(responseFinding(code, 'error', noUsableCertificateProblem(listed), { idp }, noUsableCertificateFix(code, idp)));
    } else {
      // Told apart by whom it was issued to and until when: what the IdP's console shows beside each one.
      const described = `issued to ${chosen.subject}, valid until ${longDate(chosen.notAfter)}`;
      if (signing.length === 1) {
        advice = `The signing certificate is the one ${described}.`;
      } else {
        const lead = `The metadata lists ${signing.length} signing certificates (a rotation).`;
        const which = signer
          ? `The one to use is the ${ordinal(pick.index + 1)} listed (${described}): it is the one that signed this metadata, so the IdP is using it now.`
          : `The one to use is the ${ordinal(pick.index + 1)} listed (${described}): it is the first one listed that is currently valid.`;
        const otherValid = valid.filter(({ cert }) => cert !== chosen);
        const fallback =
          otherValid.length === 0
            ? ''
            : otherValid.length === 1 && signing.length === 2
              ? ' If a test login then says the signature does not match, the IdP signs with the other one: use that one instead.'
              : ` If a test login then says the signature does not match, the IdP signs with another one that is valid today (the ${otherValid.map(({ index }) => ordinal(index + 1)).join(' or the ')} listed): use that one instead.`;
        advice = `${lead} ${which}${fallback} Update Twilio again when the IdP switches.`;
        add('metadata-several-signing-certificates', 'info', advice);
      }
      const expiredOthers = signing.filter(({ cert }) => cert !== chosen && cert.expired).map(({ cert }) => cert);
      if (expiredOthers.length > 0) {
        const which = expiredOthers.map((cert) => `${cert.subject}, expired on ${longDate(cert.notAfter)}`).join('; ');
        findings.push(
          responseFinding(
            'cert-expired',
            'warning',
            expiredOthers.length === 1
              ? `Another listed signing certificate (${which}) has expired; do not paste that one.`
              : `Other listed signing certificates have expired (${which}); do not paste those.`,
            { idp },
            'Nothing to do about it: paste the certificate named as the one to use.',
          ),
        );
      }
      const daysLeft = Math.floor((Date.parse(chosen.notAfter ?? '') - now.getTime()) / 86_400_000);
      if (daysLeft < 30)
        add('cert-expiring', 'warning', `The signing certificate expires on ${longDate(chosen.notAfter)} (${daysLeftWords(daysLeft)}); plan its rotation.`);
    }
  }
  if (certificates.some((c) => c.use === 'encryption')) {
    advice += ' The encryption certificate is not for Twilio: Twilio does not use encryption.';
  }

  const order = { error: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  const report: MetadataReport = {
    ok: !findings.some((f) => f.severity === 'error'),
    entityId,
    ssoUrls,
    certificates,
    consoleFields: {
      x509Certificate: chosen?.pem ?? null,
      identityProviderIssuer: entityId,
      singleSignOnUrl,
      certificateAdvice: advice,
    },
    metadataSigned,
    findings,
  };
  if (aggregate) report.entities = idpEntities.map((e) => attr(e, 'entityID') ?? '(no entityID)');
  return report;
}

/** Where the admin makes a new certificate active: the IdP's name when it is known. */
function idpName(idp: string | undefined): string {
  return idp && isIdpId(idp) && idp !== 'generic' ? getPlaybook(idp).label : 'the identity provider';
}

function certificateState(cert: MetadataCertificate): string {
  return cert.expired ? `expired on ${longDate(cert.notAfter)}` : `valid only from ${longDate(cert.notBefore)}`;
}

/** No signing certificate listed is valid today: the advice says so, never "use the other one". */
function noUsableCertificate(signing: MetadataCertificate[], idp: string | undefined): string {
  const lead =
    signing.length === 1
      ? `The only signing certificate in the metadata (issued to ${signing[0]!.subject}) is not valid today: it is ${certificateState(signing[0]!)}.`
      : `The metadata lists ${signing.length} signing certificates and none of them is valid today.`;
  return `${lead} There is no usable certificate for Twilio: the first one listed is filled in only so you can see it. Make a new signing certificate active in ${idpName(idp)}, then bring the metadata back here.`;
}

function noUsableCertificateProblem(signing: MetadataCertificate[]): string {
  if (signing.length === 1) {
    const [cert] = signing;
    return cert!.expired
      ? `The signing certificate (${cert!.subject}) expired on ${longDate(cert!.notAfter)}; Twilio rejects responses signed with it.`
      : `The signing certificate (${cert!.subject}) is ${certificateState(cert!)}; Twilio rejects responses signed with it.`;
  }
  const each = signing.map((cert) => `${cert.subject}, ${certificateState(cert)}`).join('; ');
  return `None of the ${signing.length} signing certificates in the metadata is valid today (${each}); Twilio rejects responses signed with any of them.`;
}

function noUsableCertificateFix(code: FindingCode, idp: string | undefined): string {
  return `${metadataFixFor(code, idp)} Or bring the metadata back once the new certificate is active: it then lists it.`;
}

function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth'][n - 1] ?? `number ${n}`;
}
