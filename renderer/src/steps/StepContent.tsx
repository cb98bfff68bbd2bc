import { Suspense, lazy, type ReactNode } from 'react';
import { ValueCopiedContext } from '../components/copied-context';
import { useWizard } from '../wizard/context';
import type { StepId } from '../wizard/steps';
import { ProfileStep, type ProfileStepProps } from './ProfileStep';

// Only the first step is in the first screen's JavaScript: the others (the IdP playbooks, the
// checklist engine, certificates, the test) load when first opened.
const ProductStep = lazy(() => import('./ProductStep').then((module) => ({ default: module.ProductStep })));
const IdpStep = lazy(() => import('./IdpStep').then((module) => ({ default: module.IdpStep })));
const IdsStep = lazy(() => import('./IdsStep').then((module) => ({ default: module.IdsStep })));
const ConfigureStep = lazy(() => import('./ConfigureStep').then((module) => ({ default: module.ConfigureStep })));
const BringBackStep = lazy(() => import('./BringBackStep').then((module) => ({ default: module.BringBackStep })));
const ConsoleStep = lazy(() => import('./ConsoleStep').then((module) => ({ default: module.ConsoleStep })));
const TestStep = lazy(() => import('./TestStep').then((module) => ({ default: module.TestStep })));
const SummaryStep = lazy(() => import('./SummaryStep').then((module) => ({ default: module.SummaryStep })));

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
