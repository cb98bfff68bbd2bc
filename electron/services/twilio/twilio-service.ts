import type { TwilioProblem, WorkerComparison } from '../../../shared/api';
import { createTwilioClient, type TwilioClientOptions, type TwilioCredentials } from './twilio-client';
import { describeTwilioError } from './twilio-errors';

export type { TwilioCredentials } from './twilio-client';

interface Outcome {
  ok: boolean;
  problem: TwilioProblem | null;
  message: string;
}

export interface AccountCheck extends Outcome {
  account: { sid: string; friendlyName: string; status: string; type: string } | null;
}

export interface FlexConfigurationRead extends Outcome {
  flex: {
    defaultRedirectUrl: string | null;
    workspaceSid: string | null;
    flexServiceInstanceSid: string | null;
    runtimeDomain: string | null;
    uiVersion: string | null;
  } | null;
}

export interface WorkerFetch extends Outcome {
  worker: { sid: string; friendlyName: string; attributes: Record<string, unknown>; dateUpdated: string | null } | null;
  comparison: WorkerComparison[];
}

/**
 * The Flex login link Twilio's Console suggests as the "Default Redirect URL": the configuration's
 * flex_url when it has one, else flex.twilio.com/<runtime domain name>.
 */
export function flexLoginLink(flexUrl: string | null | undefined, runtimeDomain: string | null | undefined): string | null {
  if (flexUrl && /^https:\/\//.test(flexUrl)) return flexUrl;
  if (runtimeDomain) return `https://flex.twilio.com/${runtimeDomain.replace(/^https?:\/\//, '').replace(/\.twil\.io\/?$/, '')}`;
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Expected (the worker preview) against actual (the Worker's attributes), key by key. */
export function compareAttributes(expected: Record<string, unknown>, actual: Record<string, unknown>): WorkerComparison[] {
  const rows: WorkerComparison[] = [];
  for (const [name, value] of Object.entries(expected)) {
    if (!(name in actual)) rows.push({ name, expected: value, actual: null, status: 'missing' });
    else rows.push({ name, expected: value, actual: actual[name], status: sameValue(value, actual[name]) ? 'same' : 'different' });
  }
  for (const [name, value] of Object.entries(actual)) if (!(name in expected)) rows.push({ name, expected: null, actual: value, status: 'unexpected' });
  return rows;
}

function parseAttributes(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'object' && raw !== null) return raw as Record<string, unknown>;
  try {
    const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The Twilio checks the wizard makes, through the official helper library. Read-only. */
export class TwilioService {
  constructor(private readonly options: TwilioClientOptions = {}) {}

  private client(credentials: TwilioCredentials) {
    return createTwilioClient(credentials, this.options);
  }

  async checkCredentials(credentials: TwilioCredentials): Promise<AccountCheck> {
    try {
      const account = await this.client(credentials).api.v2010.accounts(credentials.accountSid).fetch();
      const status: string = account.status ?? 'unknown';
      const active = status === 'active';
      return {
        ok: active,
        problem: active ? null : 'other',
        message: active
          ? `The credentials work for "${account.friendlyName}".`
          : `The credentials work, but the account "${account.friendlyName}" is ${status}.`,
        account: { sid: account.sid, friendlyName: account.friendlyName, status, type: account.type ?? '' },
      };
    } catch (error) {
      return { ...describeTwilioError(error, 'the account'), account: null };
    }
  }

  async readFlexConfiguration(credentials: TwilioCredentials): Promise<FlexConfigurationRead> {
    try {
      const config = await this.client(credentials).flexApi.v1.configuration().fetch();
      const runtimeDomain = config.runtimeDomain ?? null;
      const flex = {
        defaultRedirectUrl: flexLoginLink(config.flexUrl, runtimeDomain),
        workspaceSid: config.taskrouterWorkspaceSid ?? null,
        flexServiceInstanceSid: config.flexServiceInstanceSid ?? null,
        runtimeDomain,
        uiVersion: config.uiVersion ?? null,
      };
      return {
        ok: true,
        problem: null,
        message: flex.workspaceSid ? 'Read the Flex configuration.' : 'Read the Flex configuration; it names no TaskRouter workspace.',
        flex,
      };
    } catch (error) {
      const failure = describeTwilioError(error, 'the Flex configuration');
      if (failure.problem === 'not-found') failure.message = 'This account has no Flex configuration: is Flex set up on it? (Twilio answered 404.)';
      return { ...failure, flex: null };
    }
  }

  async fetchWorker(
    credentials: TwilioCredentials,
    query: { workspaceSid: string; workerSid?: string; friendlyName?: string },
    expected?: Record<string, unknown>,
  ): Promise<WorkerFetch> {
    const workers = this.client(credentials).taskrouter.v1.workspaces(query.workspaceSid).workers;
    try {
      let found: { sid: string; friendlyName: string; attributes: string; dateUpdated?: Date | null } | null = null;
      if (query.workerSid) found = await workers(query.workerSid).fetch();
      else if (query.friendlyName) found = (await workers.list({ friendlyName: query.friendlyName, limit: 1 }))[0] ?? null;
      if (!found) {
        return {
          ok: false,
          problem: 'not-found',
          message: `No Worker named "${query.friendlyName}" exists yet in that workspace: has this user logged in to Flex through SSO?`,
          worker: null,
          comparison: [],
        };
      }
      const attributes = parseAttributes(found.attributes);
      const comparison = expected ? compareAttributes(expected, attributes) : [];
      const differences = comparison.filter((row) => row.status === 'different' || row.status === 'missing').length;
      return {
        ok: differences === 0,
        problem: null,
        message: !expected
          ? 'Fetched the Worker.'
          : differences === 0
            ? 'The Worker has every attribute the preview expects.'
            : `${differences} attribute${differences === 1 ? '' : 's'} of the Worker differ from the preview.`,
        worker: {
          sid: found.sid,
          friendlyName: found.friendlyName,
          attributes,
          dateUpdated: found.dateUpdated ? new Date(found.dateUpdated).toISOString() : null,
        },
        comparison,
      };
    } catch (error) {
      const failure = describeTwilioError(error, query.workerSid ? 'the Worker' : 'the workspace');
      return { ...failure, worker: null, comparison: [] };
    }
  }
}
