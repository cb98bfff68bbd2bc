/**
 * The main side's errors, in one place. A UserFacingError carries a message written for the user;
 * the domain errors below are raised where the problem is found and turned into the user's words
 * once, by userFacingMessage(), which the API dispatcher and the task registry both use. Anything
 * else is a bug: logged, and answered with a generic message (never a stack trace).
 */
import { CustomDomainError } from '../../shared/domain/custom-domain';
import { DomainInputError } from '../../shared/domain/modes';
import { sentence } from '../../shared/text';

export { errorMessage } from '../../shared/errors';

/** A refusal whose message is written for the user, safe to show as it is. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}

/** Login test options that cannot work (a URL that is not one, a timeout out of range, …). */
export class LoginTestOptionsError extends Error {
  override readonly name = 'LoginTestOptionsError';
}

/** No Chromium to run (PDF export, the login test); the message says where it looked and how to install one. */
export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
}

/** The system keychain cannot be used; the message says why in plain words. */
export class KeychainUnavailableError extends Error {
  override readonly name = 'KeychainUnavailableError';
}

/** The user's words for an error the app can explain; null for anything else (a bug). */
export function userFacingMessage(error: unknown): string | null {
  if (error instanceof UserFacingError) return error.message;
  if (
    error instanceof LoginTestOptionsError ||
    error instanceof DomainInputError ||
    error instanceof CustomDomainError ||
    error instanceof ChromiumMissingError
  ) {
    return sentence(error.message);
  }
  if (error instanceof KeychainUnavailableError) return sentence(`The system keychain cannot be used: ${error.message}`);
  return null;
}
