import type { AnalysisReportDto, LastTestResult, StepDone, TaskStatus } from '../../../shared/api';
import { parseCertificate } from '../../../shared/domain/certificate';
import { modeIdsFrom, targetMode, trustedDomainList, type Draft, type FieldErrors } from './draft';
import { STEPS, fieldsValid, type StepId } from './steps';

/** Steps done by something the admin does outside the wizard's fields, which the wizard sees happen. */
export const ACTION_STEPS = ['configure', 'console', 'summary'] as const satisfies readonly StepId[];
export type ActionStep = (typeof ACTION_STEPS)[number];

export function isActionStep(step: StepId): step is ActionStep {
  return (ACTION_STEPS as readonly StepId[]).includes(step);
}

/** FNV-1a, 32 bits: a short, stable digest (not a secret, not for security) of the values a step was done with. */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, '0')}-${text.length}`;
}

/** The values the identity provider gets (its app is set up with them). */
function idpInputs(draft: Draft): unknown[] {
  return [targetMode(draft), draft.migration, draft.idp, modeIdsFrom(draft), draft.auth0ClientId.trim()];
}

/** The values the Twilio Console gets. */
function consoleInputs(draft: Draft): unknown[] {
  return [
    modeIdsFrom(draft),
    draft.certificate.trim(),
    draft.issuer.trim(),
    draft.ssoUrl.trim(),
    draft.defaultRedirectUrl.trim(),
    trustedDomainList(draft),
    draft.frontlineWorkspaceId.trim(),
  ];
}

/**
 * What an action step is done with: the IdP step with the values the IdP was given, the Console
 * step with the values pasted there, the summary with all of them (the export is a snapshot).
 * When these change, the step has to be done again.
 */
export function stepFingerprint(step: ActionStep, draft: Draft): string {
  const inputs = step === 'configure' ? idpInputs(draft) : step === 'console' ? consoleInputs(draft) : [...idpInputs(draft), ...consoleInputs(draft)];
  return digest(JSON.stringify(inputs));
}

/** Marks `step` done with today's values (replacing an earlier mark for it). */
export function withStepDone(marks: readonly StepDone[], step: ActionStep, draft: Draft): StepDone[] {
  return [...marks.filter((mark) => mark.step !== step), { step, fingerprint: stepFingerprint(step, draft) }];
}

function markedWithTodaysValues(marks: readonly StepDone[], step: ActionStep, draft: Draft): boolean {
  const mark = marks.find((item) => item.step === step);
  return mark !== undefined && mark.fingerprint === stepFingerprint(step, draft);
}

/** A login test Twilio would accept and whose signature was checked against the certificate given. */
export function reportVerifiedOk(report: AnalysisReportDto): boolean {
  return report.verdict === 'ok';
}

/** Whether the last login test of this connection (this session's, else the stored one) passed, verified. */
export function testPassed(lastTest: TaskStatus | null, stored: LastTestResult | null): boolean {
  const report = lastTest?.result?.kind === 'login-test' ? lastTest.result.report : null;
  if (lastTest) return report !== null && reportVerifiedOk(report);
  return stored?.outcome === 'passed';
}

/**
 * The errors a step shows about what was entered there, beyond its fields' own rules: such a step
 * is not done, though the admin may still move on (an expired certificate is still the one the
 * IdP signs with, until a new one is made active).
 */
export function stepErrorFindings(step: StepId, draft: Draft, now: Date = new Date()): string[] {
  if (step !== 'bring-back' || draft.certificate.trim() === '') return [];
  const certificate = parseCertificate(draft.certificate, now);
  return certificate.ok ? certificate.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message) : [];
}

export interface ProgressInput {
  draft: Draft;
  errors: FieldErrors;
  /** The action steps marked done for the connection being worked on. */
  marks: readonly StepDone[];
  testPassed: boolean;
}

/**
 * Each step's tick, by its own rule: a step of fields is done when its fields are filled in without
 * an error (and no error finding about them, see stepErrorFindings); the IdP step when its values were copied or applied with today's values; the Console
 * step when its values were copied; the test step when a verified test passed; the summary when
 * it was exported.
 */
export function stepsDone({ draft, errors, marks, testPassed: passed }: ProgressInput): Record<StepId, boolean> {
  const done = {} as Record<StepId, boolean>;
  for (const step of STEPS) {
    const filled = fieldsValid(step, errors) && stepErrorFindings(step.id, draft).length === 0;
    if (step.id === 'test') done[step.id] = passed;
    else if (isActionStep(step.id)) done[step.id] = filled && markedWithTodaysValues(marks, step.id, draft);
    else done[step.id] = filled && (step.id !== 'ids' || targetMode(draft) !== null);
  }
  return done;
}
