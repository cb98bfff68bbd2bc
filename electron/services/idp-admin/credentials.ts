import type { SecretBackend } from '../../../shared/api';
import { z } from 'zod';
import type { AdminIdpId } from '../../../shared/idp-admin/desired';
import { UserFacingError } from '../errors';
import type { SecretVault } from '../secrets/secret-vault';
import type { Auth0Credentials } from './auth0';
import type { OktaCredentials } from './okta';

/**
 * IdP admin credentials in the keychain (through the app's SecretVault), one per IdP tenant, so the
 * CLI (`flex-sso idp sign-in`) and the app find the same sign-in. Accounts are
 * `idp-admin:<idp>:<tenant host>`; the value is the credential as JSON (a token, or a client id
 * with its secret or private key). Nothing here returns a value to the renderer or writes it to a log.
 */

export const IDP_CREDENTIAL_PREFIX = 'idp-admin:';

const Secret = z.string().trim().min(1).max(4096);
const ClientId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+$/, 'a client id has letters, digits, dots, dashes and underscores only');

const OktaCredentialSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('api-token'), token: Secret }),
  z.strictObject({ kind: z.literal('private-key'), clientId: ClientId, privateKeyPem: z.string().trim().min(1).max(20_000) }),
]);

const Auth0CredentialSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('client-credentials'), clientId: ClientId, clientSecret: Secret }),
  z.strictObject({ kind: z.literal('management-token'), token: Secret }),
]);

/** The credentials of the IdPs whose secret is typed by the admin (Entra signs in with MSAL instead). */
export interface StoredCredentials {
  okta: OktaCredentials;
  auth0: Auth0Credentials;
}
export type CredentialIdp = keyof StoredCredentials;

const SCHEMAS: { [K in CredentialIdp]: z.ZodType<StoredCredentials[K]> } = { okta: OktaCredentialSchema, auth0: Auth0CredentialSchema };

export function credentialAccount(idp: AdminIdpId, tenant: string): string {
  return `${IDP_CREDENTIAL_PREFIX}${idp}:${tenant.toLowerCase()}`;
}

export class IdpCredentialStore {
  constructor(private readonly vault: SecretVault) {}

  /** Checks and stores a credential; answers where it went (keychain, or this session's memory). */
  async store<K extends CredentialIdp>(idp: K, tenant: string, credential: StoredCredentials[K]): Promise<SecretBackend> {
    const parsed = SCHEMAS[idp].safeParse(credential);
    if (!parsed.success)
      throw new UserFacingError(
        `That ${idp === 'okta' ? 'Okta' : 'Auth0'} credential is not complete: ${parsed.error.issues[0]?.message ?? 'it has the wrong shape'}.`,
      );
    return this.vault.setNamed(credentialAccount(idp, tenant), JSON.stringify(parsed.data));
  }

  /** The stored credential, or null. A damaged entry reads as absent (sign in again replaces it). */
  async read<K extends CredentialIdp>(idp: K, tenant: string): Promise<StoredCredentials[K] | null> {
    const text = await this.vault.useNamed(credentialAccount(idp, tenant));
    if (text === null || text.length > 40_000) return null;
    try {
      const parsed = SCHEMAS[idp].safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  where(idp: AdminIdpId, tenant: string): Promise<SecretBackend | null> {
    return this.vault.whereNamed(credentialAccount(idp, tenant));
  }

  forget(idp: AdminIdpId, tenant: string): Promise<boolean> {
    return this.vault.deleteNamed(credentialAccount(idp, tenant));
  }
}
