/**
 * The digest of a browser capture: what the reader keeps of a HAR file or SAML-tracer export once
 * it has walked it. It holds the SAML messages and the few facts about the surrounding requests the
 * diagnosis needs, and never a cookie, header value, form value or page body: those are only
 * counted (see `privacy`). It is what crosses from the wizard's window to the main side, so it is
 * declared once here as a schema, and bounded.
 */
import { z } from 'zod';
import { MAX_RESPONSE_CHARS } from '../saml/input';

export const CAPTURE_FORMATS = ['har', 'saml-tracer'] as const;
export type CaptureFormat = (typeof CAPTURE_FORMATS)[number];

export const SAML_PARAMS = ['SAMLRequest', 'SAMLResponse'] as const;
export type SamlParam = (typeof SAML_PARAMS)[number];

export const SAML_BINDINGS = ['http-post', 'http-redirect'] as const;
export type SamlBinding = (typeof SAML_BINDINGS)[number];

/** Where a message was found: in the request that carried it, or only in the page that would have posted it. */
const MESSAGE_SOURCES = ['request', 'form-page'] as const;

/** Most steps and messages a digest holds; a capture with more is read up to there and says so. */
export const MAX_STEPS = 5000;
export const MAX_MESSAGES = 200;
/** All messages' XML together, and all steps together: the web host accepts 8 MB per call. */
export const MAX_DIGEST_XML_CHARS = 5_000_000;
export const MAX_DIGEST_STEP_CHARS = 1_500_000;
const URL_CHARS = 4000;

const IsoTime = z.string().max(40);

const IdpErrorPageSchema = z.object({
  idp: z.string().max(40),
  code: z.string().max(100),
  /** One sentence for the admin: who showed it, the code, what it means and what to do. */
  message: z.string().max(2000),
});

/** One HTTP request of the capture that matters to the diagnosis (pages, redirects, SAML carriers). */
export const CaptureStepSchema = z.object({
  /** Its position in the file (0-based). */
  entry: z.number().int().min(0),
  /** When the browser sent it, by the browser's clock (HAR startedDateTime); null when the file does not say. */
  at: IsoTime.nullable(),
  method: z.string().max(16),
  /** Origin and path only (plus Twilio's `connection` parameter): query strings may hold tokens. */
  url: z.string().max(URL_CHARS),
  /** HTTP status; 0 when the request never got an answer (blocked, unreachable). */
  status: z.number().int().nullable(),
  /** Where a redirect sent the browser (origin and path). */
  redirectTo: z.string().max(URL_CHARS).nullable(),
  /** The server's clock: the response's Date header, as an ISO time. */
  serverDate: IsoTime.nullable(),
  /** A page the browser navigated to (not an image, script or background call). */
  document: z.boolean(),
  /** The IdP's error page, recognised from the page's text. */
  errorPage: IdpErrorPageSchema.nullable(),
  /** The SAML message this request carried, if any. */
  saml: z.enum(SAML_PARAMS).nullable(),
});
export type CaptureStep = z.infer<typeof CaptureStepSchema>;

export const CapturedMessageSchema = z.object({
  entry: z.number().int().min(0),
  param: z.enum(SAML_PARAMS),
  binding: z.enum(SAML_BINDINGS),
  source: z.enum(MESSAGE_SOURCES),
  method: z.string().max(16),
  /** Where the message went: origin, path and Twilio's `connection` parameter. */
  url: z.string().max(URL_CHARS),
  at: IsoTime.nullable(),
  /** The Date header of the answer to the request that carried it (the receiving server's clock). */
  serverDate: IsoTime.nullable(),
  relayState: z.string().max(URL_CHARS).nullable(),
  /** HTTP-Redirect messages are deflated before base64; true when this one was. */
  deflated: z.boolean(),
  /** The decoded XML; null when it could not be decoded (see `problem`). */
  xml: z.string().max(MAX_RESPONSE_CHARS).nullable(),
  problem: z.string().max(500).nullable(),
});
export type CapturedMessage = z.infer<typeof CapturedMessageSchema>;

/** What the file holds that should not have been sent: counts and names, never the values. */
export const PrivacyObservationsSchema = z.object({
  /** Requests that sent cookies. */
  cookieRequests: z.number().int().min(0),
  /** Responses that set cookies. */
  cookieResponses: z.number().int().min(0),
  /** Requests with an Authorization header, and the schemes seen (Basic, Bearer, …). */
  authorizationHeaders: z.number().int().min(0),
  authorizationSchemes: z.array(z.string().max(30)).max(10),
  /** Form or JSON fields that look like typed passwords: where they went and the field's name. */
  passwordFields: z
    .array(
      z.object({
        url: z.string().max(URL_CHARS),
        field: z.string().max(100),
        /** True when the value was already replaced in the file (SAML-tracer's hash or obfuscate export options). */
        masked: z.boolean(),
      }),
    )
    .max(20),
  /** Access, ID or session tokens in URLs. */
  tokensInUrls: z.number().int().min(0),
  /** Responses whose body (page content) is in the file. */
  responseBodies: z.number().int().min(0),
});
export type PrivacyObservations = z.infer<typeof PrivacyObservationsSchema>;

export const CaptureLimitsSchema = z.object({
  /** The file ended in the middle: what came before was read. */
  truncated: z.boolean(),
  /** Entries larger than the reader keeps (their position and size in characters). */
  skippedEntries: z.array(z.object({ entry: z.number().int(), chars: z.number().int() })).max(50),
  skippedEntryCount: z.number().int().min(0),
  /** Bodies too large to read (only counted). */
  elidedBodies: z.number().int().min(0),
  droppedSteps: z.number().int().min(0),
  droppedMessages: z.number().int().min(0),
});
export type CaptureLimits = z.infer<typeof CaptureLimitsSchema>;

export const CaptureDigestSchema = z.object({
  format: z.enum(CAPTURE_FORMATS),
  /** The browser or tool that made the file, as it names itself (e.g. "WebInspector", "Firefox", "Playwright"). */
  creator: z.string().max(200).nullable(),
  /** Requests in the file. */
  entries: z.number().int().min(0),
  /** SAML-tracer: when the export was made. */
  exportedAt: IsoTime.nullable(),
  steps: z.array(CaptureStepSchema).max(MAX_STEPS),
  messages: z.array(CapturedMessageSchema).max(MAX_MESSAGES),
  privacy: PrivacyObservationsSchema,
  limits: CaptureLimitsSchema,
});
export type CaptureDigest = z.infer<typeof CaptureDigestSchema>;

/** 12345 → "12,345" (toLocaleString loads the locale data on first use: slow for a CLI). */
export function groupDigits(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
