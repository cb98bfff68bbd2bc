import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, ApiResponse, IdpAdminTarget } from '../../../shared/api';
import type { AdminIdpId } from '../../../shared/idp-admin/desired';

export type IdpAdminStatus = ApiResponse<'getIdpAdminStatus'>;

/** What the admin typed to reach the tenant (the Okta org, the Auth0 domain, Entra's settings). */
export interface TargetInput {
  orgUrl: string;
  domain: string;
  clientId: string;
  tenant: string;
}

/** Nothing typed yet: null fields take the tenant of the journal of an earlier run, if any. */
export type TypedTarget = { [K in keyof TargetInput]: string | null };
export const UNTYPED: TypedTarget = { orgUrl: null, domain: null, clientId: null, tenant: null };

/** What the fields show: what was typed, else what an earlier run used. */
export function effectiveInput(typed: TypedTarget, journalTenant: string | null): TargetInput {
  return {
    orgUrl: typed.orgUrl ?? (journalTenant ? `https://${journalTenant}` : ''),
    domain: typed.domain ?? journalTenant ?? '',
    clientId: typed.clientId ?? '',
    tenant: typed.tenant ?? '',
  };
}

/** The contract's target for an IdP, or null while the tenant is not typed yet. */
export function targetFor(idp: AdminIdpId, input: TargetInput): IdpAdminTarget | null {
  if (idp === 'azure-ad')
    return { idp, ...(input.clientId.trim() ? { clientId: input.clientId.trim() } : {}), ...(input.tenant.trim() ? { tenant: input.tenant.trim() } : {}) };
  if (idp === 'okta') return input.orgUrl.trim() ? { idp, orgUrl: input.orgUrl.trim() } : null;
  return input.domain.trim() ? { idp, domain: input.domain.trim() } : null;
}

export function message(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** The sign-in and journal state of "Set it up for me" for one connection, re-read on demand. */
export function useIdpAdminStatus(api: ApiClient, profileId: string | null, connectionId: string | null, idp: AdminIdpId, target: IdpAdminTarget | null) {
  const [status, setStatus] = useState<IdpAdminStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const key = JSON.stringify(target);
  const refresh = useCallback(() => {
    if (!profileId || !connectionId) return;
    api
      .getIdpAdminStatus({ profileId, connectionId, idp, ...(target ? { target } : {}) })
      .then((next) => {
        setStatus(next);
        setProblem(null);
      })
      .catch((reason: unknown) => {
        setStatus(null);
        setProblem(message(reason));
      });
    // The target is compared by value (key), not by identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, profileId, connectionId, idp, key]);
  useEffect(() => {
    const timer = window.setTimeout(refresh, 300);
    return () => window.clearTimeout(timer);
  }, [refresh]);
  return { status, problem, refresh };
}
