import type { ApiClient, IdpConnection, LastTestResult, Profile, ProfilePatch, ProfileSummary, StepDone, StoreProblem } from '../../../shared/api';
import { newConnectionId } from '../../../shared/domain/connection-ids';
import { EMPTY_DRAFT, trustedDomainList, type Draft } from './draft';

export type { ProfileSummary, StoreProblem };

/**
 * The connection's own SSO connection (JQ…). Profiles written before each IdP had its own kept one
 * for the whole customer in ids.connectionId: while no connection has its own, that one is read.
 */
function ssoConnectionOf(profile: Profile, connection: IdpConnection | undefined): { connectionId: string; acsUrl: string } {
  const anyOwn = profile.connections.some((item) => item.ssoConnection.connectionId !== '');
  if (connection && (anyOwn || connection.ssoConnection.connectionId !== '')) return connection.ssoConnection;
  return { connectionId: profile.ids.connectionId, acsUrl: '' };
}

/** The wizard's flat draft, from a stored profile (its active IdP connection). */
export function draftFromProfile(profile: Profile): Draft {
  const connection = profile.connections.find((item) => item.id === profile.activeConnectionId) ?? profile.connections[0];
  const sso = ssoConnectionOf(profile, connection);
  return {
    ...EMPTY_DRAFT,
    profileName: profile.name,
    mode: profile.mode,
    migration: profile.migration,
    connectionLabel: connection?.label ?? '',
    idp: connection?.idp ?? null,
    connectionId: sso.connectionId,
    acsUrl: sso.acsUrl,
    accountSid: profile.ids.accountSid,
    realmSid: profile.ids.realmSid,
    frontlineWorkspaceId: profile.ids.workspaceId,
    auth0ClientId: connection?.idpValues.auth0ClientId ?? '',
    certificate: connection?.idpValues.certificatePem ?? '',
    issuer: connection?.idpValues.issuer ?? '',
    ssoUrl: connection?.idpValues.ssoUrl ?? '',
    metadataUrl: connection?.idpValues.metadataUrl ?? '',
    idpInitUrl: connection?.idpValues.idpInitiatedUrl ?? '',
    defaultRedirectUrl: profile.twilio.defaultRedirectUrl,
    trustedDomains: profile.trustedDomains.join('\n'),
    notes: profile.notes,
    loginStart: connection?.loginStart ?? 'sp',
    letLoginThrough: false,
    twilioAccountSid: profile.twilio.accountSid,
    authMethod: profile.twilio.authMethod,
    apiKeySid: profile.twilio.apiKeySid,
    workspaceSid: profile.twilio.workspaceSid,
  };
}

/** The connection the steps after "identity provider" work on. */
export function activeConnection(profile: Profile): IdpConnection {
  return profile.connections.find((item) => item.id === profile.activeConnectionId) ?? profile.connections[0]!;
}

/** The last test of the connection being worked on (a profile from before connections: the profile's). */
export function activeTestResult(profile: Profile): LastTestResult | null {
  const active = profile.connections.find((connection) => connection.id === profile.activeConnectionId);
  return active?.lastTest ?? (profile.connections.length === 1 ? profile.lastTestResult : null);
}

/** What the wizard writes besides the draft: where the admin is, and the steps they did for the active connection. */
export interface WizardPosition {
  /** The step to resume at (null: not moved past the customer step yet). */
  wizardStep: string | null;
  doneSteps: readonly StepDone[];
}

/** The autosave patch: every field the wizard edits, as typed, and where the admin is. */
export function patchFromDraft(draft: Draft, profile: Profile, position: WizardPosition): ProfilePatch {
  const active = profile.connections.find((item) => item.id === profile.activeConnectionId) ?? profile.connections[0]!;
  // A profile from before each IdP had its own SSO connection: every connection gets the shared id once.
  const shared = profile.connections.some((item) => item.ssoConnection.connectionId !== '') ? null : profile.ids.connectionId;
  const connections = profile.connections.map((connection) =>
    connection.id !== active.id
      ? shared && connection.ssoConnection.connectionId === ''
        ? { ...connection, ssoConnection: { connectionId: shared, acsUrl: '' } }
        : connection
      : {
          ...connection,
          label: draft.connectionLabel,
          idp: draft.idp,
          idpValues: {
            issuer: draft.issuer,
            ssoUrl: draft.ssoUrl,
            certificatePem: draft.certificate,
            idpInitiatedUrl: draft.idpInitUrl,
            metadataUrl: draft.metadataUrl,
            auth0ClientId: draft.auth0ClientId,
          },
          loginStart: draft.loginStart,
          ssoConnection: { connectionId: draft.connectionId, acsUrl: draft.acsUrl },
          doneSteps: [...position.doneSteps],
        },
  );
  const first = connections[0]!;
  return {
    name: draft.profileName,
    mode: draft.mode,
    migration: draft.mode === 'flex-legacy' ? draft.migration : null,
    // ids.connectionId keeps the first connection's id, for readers of the older single-id profile.
    ids: {
      ...profile.ids,
      connectionId: first.ssoConnection.connectionId,
      accountSid: draft.accountSid,
      realmSid: draft.realmSid,
      workspaceId: draft.frontlineWorkspaceId,
    },
    twilio: {
      ...profile.twilio,
      accountSid: draft.twilioAccountSid,
      authMethod: draft.authMethod,
      apiKeySid: draft.apiKeySid,
      defaultRedirectUrl: draft.defaultRedirectUrl,
      workspaceSid: draft.workspaceSid,
    },
    connections,
    activeConnectionId: active.id,
    trustedDomains: trustedDomainList(draft),
    notes: draft.notes,
    wizardStep: position.wizardStep,
  };
}

/** A new, empty IdP connection: each IdP is its own SSO connection in the Twilio Console, with its own id. */
export function emptyConnection(): IdpConnection {
  return {
    id: newConnectionId(),
    label: '',
    idp: null,
    idpValues: { issuer: '', ssoUrl: '', certificatePem: '', idpInitiatedUrl: '', metadataUrl: '', auth0ClientId: '' },
    notes: '',
    lastTest: null,
    loginStart: 'sp',
    ssoConnection: { connectionId: '', acsUrl: '' },
    doneSteps: [],
  };
}

/**
 * The renderer's side of the saved profiles: calls to the main side's API (which keeps them as JSON
 * files in the user-data folder, written atomically). Not to be confused with the main side's
 * ProfileStore, which is that storage.
 */
export class ProfileClient {
  constructor(private readonly api: ApiClient) {}

  /** The saved profiles, and the damaged profile files found so far and not yet dismissed. */
  async list(): Promise<{ profiles: ProfileSummary[]; problems: StoreProblem[] }> {
    return this.api.listProfiles({});
  }

  async dismissProblems(): Promise<void> {
    await this.api.dismissProfileProblems({});
  }

  async create(draft: Draft): Promise<Profile> {
    const { profile } = await this.api.createProfile({ name: draft.profileName, mode: draft.mode, idp: draft.idp });
    return profile;
  }

  async load(id: string): Promise<Profile> {
    return (await this.api.getProfile({ id })).profile;
  }

  async save(id: string, patch: ProfilePatch): Promise<Profile> {
    return (await this.api.updateProfile({ id, patch })).profile;
  }
}

/** How a connection is named in lists: its name, else its position. */
export function connectionName(connection: { label: string }, index: number): string {
  return connection.label.trim() || `Connection ${index + 1}`;
}
