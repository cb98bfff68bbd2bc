import type { StepId } from '../wizard/steps';
import type { ProfileSummary } from '../wizard/profile-store';
import { ProfileStep } from './ProfileStep';
import { ProductStep } from './ProductStep';
import { IdpStep } from './IdpStep';
import { IdsStep } from './IdsStep';
import { ConfigureStep } from './ConfigureStep';
import { BringBackStep } from './BringBackStep';
import { ConsoleStep } from './ConsoleStep';
import { TestStep } from './TestStep';
import { SummaryStep } from './SummaryStep';

export function StepContent({ step, profiles, onOpenProfile, onNewProfile }: { step: StepId; profiles: ProfileSummary[]; onOpenProfile(id: string): void; onNewProfile(): void }) {
  switch (step) {
    case 'profile':
      return <ProfileStep profiles={profiles} onOpen={onOpenProfile} onNew={onNewProfile} />;
    case 'product':
      return <ProductStep />;
    case 'idp':
      return <IdpStep />;
    case 'ids':
      return <IdsStep />;
    case 'configure':
      return <ConfigureStep />;
    case 'bring-back':
      return <BringBackStep />;
    case 'console':
      return <ConsoleStep />;
    case 'test':
      return <TestStep />;
    case 'summary':
      return <SummaryStep />;
  }
}
