import { Suspense, createElement, lazy, type ComponentType, type ReactNode } from 'react';
import { ValueCopiedContext } from '../components/copied-context';
import { useWizard } from '../wizard/context';
import type { StepId } from '../wizard/steps';
import { ProfileStep, type ProfileStepProps } from './ProfileStep';

/**
 * A step loaded on demand: its code is fetched when first opened or, earlier, when the wizard is idle
 * after the first screen (preloadSteps), so moving on does not wait for it.
 */
function lazyStep(load: () => Promise<{ default: ComponentType }>): { Step: ComponentType; preload(): Promise<unknown> } {
  let loaded: ComponentType | null = null;
  let pending: Promise<{ default: ComponentType }> | null = null;
  const fetch = () => {
    pending ??= load().then((module) => {
      loaded = module.default;
      return module;
    });
    return pending;
  };
  const Lazy = lazy(fetch);
  return { Step: () => (loaded ? createElement(loaded) : createElement(Lazy)), preload: fetch };
}

// Only the first step is in the first screen's JavaScript: the others (the IdP playbooks, the
// checklist engine, certificates, the test) load when first opened, or once the wizard is idle.
const STEP_CODE = {
  product: lazyStep(() => import('./ProductStep').then((module) => ({ default: module.ProductStep }))),
  idp: lazyStep(() => import('./IdpStep').then((module) => ({ default: module.IdpStep }))),
  ids: lazyStep(() => import('./IdsStep').then((module) => ({ default: module.IdsStep }))),
  configure: lazyStep(() => import('./ConfigureStep').then((module) => ({ default: module.ConfigureStep }))),
  'bring-back': lazyStep(() => import('./BringBackStep').then((module) => ({ default: module.BringBackStep }))),
  console: lazyStep(() => import('./ConsoleStep').then((module) => ({ default: module.ConsoleStep }))),
  test: lazyStep(() => import('./TestStep').then((module) => ({ default: module.TestStep }))),
  summary: lazyStep(() => import('./SummaryStep').then((module) => ({ default: module.SummaryStep }))),
} satisfies Record<Exclude<StepId, 'profile'>, unknown>;

/** Fetches every later step's code (after the first screen is up), nearest steps first. */
export function preloadSteps(): Promise<unknown> {
  return Object.values(STEP_CODE).reduce<Promise<unknown>>((chain, step) => chain.then(() => step.preload()).catch(() => undefined), Promise.resolve());
}

const ProductStep = STEP_CODE.product.Step;
const IdpStep = STEP_CODE.idp.Step;
const IdsStep = STEP_CODE.ids.Step;
const ConfigureStep = STEP_CODE.configure.Step;
const BringBackStep = STEP_CODE['bring-back'].Step;
const ConsoleStep = STEP_CODE.console.Step;
const TestStep = STEP_CODE.test.Step;
const SummaryStep = STEP_CODE.summary.Step;

function Later({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p role="status" aria-live="polite">
          Loading this step…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

/** Copying a value on the IdP or Console step marks that step done (with the values copied). */
function CopiesMark({ step, children }: { step: 'configure' | 'console'; children: ReactNode }) {
  const { markStepDone } = useWizard();
  return <ValueCopiedContext.Provider value={() => markStepDone(step)}>{children}</ValueCopiedContext.Provider>;
}

function stepBody(step: StepId, profiles: ProfileStepProps): ReactNode {
  switch (step) {
    case 'profile':
      return <ProfileStep {...profiles} />;
    case 'product':
      return <ProductStep />;
    case 'idp':
      return <IdpStep />;
    case 'ids':
      return <IdsStep />;
    case 'configure':
      return (
        <CopiesMark step="configure">
          <ConfigureStep />
        </CopiesMark>
      );
    case 'bring-back':
      return <BringBackStep />;
    case 'console':
      return (
        <CopiesMark step="console">
          <ConsoleStep />
        </CopiesMark>
      );
    case 'test':
      return <TestStep />;
    case 'summary':
      return <SummaryStep />;
  }
}

export function StepContent({ step, profiles }: { step: StepId; profiles: ProfileStepProps }) {
  if (step === 'profile') return stepBody(step, profiles);
  return <Later>{stepBody(step, profiles)}</Later>;
}
