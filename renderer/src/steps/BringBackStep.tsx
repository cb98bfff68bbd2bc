import { useEffect, useMemo, useRef, useState } from 'react';
import { Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { parseCertificate } from '../../../shared/domain/certificate';
import { daysLeftWords, longDate } from '../../../shared/domain/dates';
import { sentence } from '../../../shared/text';
import { useFieldState, useWizard } from '../wizard/context';
import { findPlaybook } from '../wizard/knowledge';
import type { Draft } from '../wizard/draft';
import { withTheirName } from '../wizard/words';
import { Lead, Paragraph, Section } from './layout';
import { MetadataImport, type ImportedSummary } from './MetadataImport';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

function TextField({
  field,
  label,
  hint,
  multiline,
}: {
  field: keyof Draft & ('certificate' | 'issuer' | 'ssoUrl');
  label: string;
  hint?: string;
  multiline?: boolean;
}) {
  const { draft, update, markTouched } = useWizard();
  const state = useFieldState(field);
  const styles = useStyles();
  return (
    <Field label={label} hint={hint} required {...state}>
      {multiline ? (
        <Textarea
          className={styles.mono}
          value={draft[field]}
          rows={6}
          resize="vertical"
          spellCheck={false}
          onChange={(_, data) => update({ [field]: data.value } as Partial<Draft>)}
          onBlur={() => markTouched(field)}
        />
      ) : (
        <Input
          value={draft[field]}
          spellCheck={false}
          onChange={(_, data) => update({ [field]: data.value.trim() } as Partial<Draft>)}
          onBlur={() => markTouched(field)}
        />
      )}
    </Field>
  );
}

/** The certificate's dates, in words: how long it has left, or that it has expired. */
export function CertificateFacts({ pem }: { pem: string }) {
  const parsed = useMemo(() => (pem.trim() ? parseCertificate(pem) : null), [pem]);
  if (!parsed || !parsed.ok) return null;
  const expired = parsed.daysLeft < 0;
  const soon = !expired && parsed.problems.some((problem) => problem.code === 'cert-expiring');
  const until = longDate(parsed.notAfter);
  return (
    <MessageBar intent={expired ? 'error' : soon ? 'warning' : 'success'} data-testid="certificate-facts">
      <MessageBarBody>
        <MessageBarTitle>{expired ? 'This certificate has expired' : `Certificate valid until ${until}`}</MessageBarTitle>
        {parsed.problems.length > 0
          ? parsed.problems.map((problem) => sentence(problem.message)).join(' ')
          : `${sentence(daysLeftWords(parsed.daysLeft))}`}{' '}
        Issued to {parsed.subject}.
      </MessageBarBody>
    </MessageBar>
  );
}

export function BringBackStep() {
  const styles = useStyles();
  const { draft } = useWizard();
  const playbook = findPlaybook(draft.idp);
  const [imported, setImported] = useState<(ImportedSummary & { count: number }) | null>(null);
  const importedRef = useRef<HTMLDivElement>(null);
  // After an import, focus goes to what it filled in: the confirmation above the three values.
  useEffect(() => {
    if (!imported) return;
    importedRef.current?.focus({ preventScroll: true });
    importedRef.current?.scrollIntoView({ block: 'start' });
  }, [imported]);
  if (!playbook) return null;
  const names = playbook.fieldNames;
  return (
    <>
      <Lead>
        Twilio needs three things back from {playbook.label}: its signing certificate, its issuer and its single sign-on URL. The quickest way is the metadata
        document, which holds all three. You can also copy them one by one.
      </Lead>
      <Section title={`Where to find them in ${playbook.label}`}>
        <ul className={styles.list}>
          {playbook.whereToFindValues.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Section>
      <MetadataImport
        metadataLabel={names.metadata ?? 'Metadata'}
        onAttempt={() => setImported(null)}
        onImported={(next) => setImported((previous) => ({ ...next, count: (previous?.count ?? 0) + 1 }))}
      />
      <Section title="The three values">
        {imported && (
          <div ref={importedRef} tabIndex={-1} data-testid="metadata-imported" data-intent={imported.usable ? 'success' : 'warning'} key={imported.count}>
            <MessageBar intent={imported.usable ? 'success' : 'warning'} layout="multiline">
              <MessageBarBody>{imported.summary}</MessageBarBody>
            </MessageBar>
          </div>
        )}
        <Paragraph>Filled in from the metadata, or paste each one from {playbook.label}.</Paragraph>
        <TextField
          field="certificate"
          label={withTheirName('Signing certificate', names.certificate)}
          hint="The whole PEM text, including the BEGIN and END lines, or its base64 body."
          multiline
        />
        <CertificateFacts pem={draft.certificate} />
        <TextField field="issuer" label={withTheirName('Issuer', names.issuer)} />
        <TextField field="ssoUrl" label={withTheirName('Single sign-on URL', names.ssoUrl)} />
        <Text size={200}>Nothing here is secret: these values are public parts of {playbook.label}&apos;s setup.</Text>
      </Section>
    </>
  );
}
