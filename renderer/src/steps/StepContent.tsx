import type { StepId } from '../wizard/steps';
import { ProfileStep, type ProfileStepProps } from './ProfileStep';
import { ProductStep } from './ProductStep';
import { IdpStep } from './IdpStep';
import { IdsStep } from './IdsStep';
import { Suspense, lazy, type ReactNode } from 'react';
import { Spinner } from '@fluentui/react-components';

// The later steps carry the checklist engine and its renderers: loaded when first opened.
const ConfigureStep = lazy(() => import('./ConfigureStep').then((module) => ({ default: module.ConfigureStep })));
const BringBackStep = lazy(() => import('./BringBackStep').then((module) => ({ default: module.BringBackStep })));
const ConsoleStep = lazy(() => import('./ConsoleStep').then((module) => ({ default: module.ConsoleStep })));
const TestStep = lazy(() => import('./TestStep').then((module) => ({ default: module.TestStep })));
const SummaryStep = lazy(() => import('./SummaryStep').then((module) => ({ default: module.SummaryStep })));

function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner size="small" label="Loading this step…" />}>{children}</Suspense>;
}

export function StepContent({ step, profiles }: { step: StepId; profiles: ProfileStepProps }) {
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
        <Later>
          <ConfigureStep />
        </Later>
      );
    case 'bring-back':
      return (
        <Later>
          <BringBackStep />
        </Later>
      );
    case 'console':
      return (
        <Later>
          <ConsoleStep />
        </Later>
      );
    case 'test':
      return (
        <Later>
          <TestStep />
        </Later>
      );
    case 'summary':
      return (
        <Later>
          <SummaryStep />
        </Later>
      );
  }
}
