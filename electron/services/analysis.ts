/**
 * The entry point for SAML analysis on the Node side (main process, CLI, web host, login test).
 * Parsing and rules live in shared/saml (pure); signature verification (node-saml) here.
 */
import type { ModeId, ModeIds } from '../../shared/domain/modes';
import { spValues } from '../../shared/domain/modes';
import type { IdpId } from '../../shared/idps';
import { buildReport, inputFailureReport, prepareResponse } from '../../shared/saml/analyze';
import { METADATA_GIVEN_FIX } from '../../shared/saml/fixes';
import { readMetadata } from '../../shared/saml/metadata';
import type { AnalysisReport, MetadataReport } from '../../shared/saml/report';
import { verifySignatures } from './saml/verify';

export type { AnalysisReport, MetadataReport } from '../../shared/saml/report';
export { fetchMetadata, type FetchMetadataOptions } from './saml/fetch';

export interface AnalyzeOptions {
  mode?: ModeId;
  ids?: ModeIds;
  idp?: IdpId;
  /** The IdP certificate configured in Twilio (PEM or base64); without it trust is not checked. */
  idpCertPem?: string;
  /** The Identity Provider Issuer configured in Twilio. */
  idpIssuer?: string;
  /** The time to judge validity windows against (reproducible runs); defaults to now. */
  now?: Date;
  /** The ID of the AuthnRequest the login test sent; the response must answer it. */
  expectedInResponseTo?: string;
  /** The fix when the document is metadata, not a response: where this host reads metadata. */
  metadataGivenFix?: string;
}

/** Diagnoses a SAML response (XML, base64 or a raw POST body). Never throws on a bad document. */
export async function analyzeSamlResponse(input: string, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const prepared = prepareResponse(input);
  if (!prepared.ok)
    return inputFailureReport(prepared.code, prepared.message, options.idp, prepared.isMetadata ? (options.metadataGivenFix ?? METADATA_GIVEN_FIX) : undefined);
  let sp: { acsUrl: string; entityId: string } | undefined;
  if (options.mode) {
    try {
      sp = spValues(options.mode, options.ids ?? {});
    } catch {
      sp = undefined;
    }
  }
  const verdict = await verifySignatures(prepared, {
    idpCertPem: options.idpCertPem,
    expectedInResponseTo: options.expectedInResponseTo,
    spEntityId: sp?.entityId,
    acsUrl: sp?.acsUrl,
  });
  return buildReport(prepared, verdict, {
    mode: options.mode,
    ids: options.ids,
    idp: options.idp,
    idpIssuer: options.idpIssuer,
    idpCertPem: options.idpCertPem,
    now: options.now,
    expectedInResponseTo: options.expectedInResponseTo,
  });
}

export interface ImportMetadataOptions {
  now?: Date;
  /** In an aggregate (EntitiesDescriptor), the IdP entity to read. */
  entityId?: string;
  idp?: IdpId;
}

/** Reads IdP metadata (XML text, or base64 of it). Never throws on a bad document. */
export async function importMetadata(source: { xml: string }, options: ImportMetadataOptions = {}): Promise<MetadataReport> {
  return readMetadata(source.xml, options);
}
