import { useEffect, useMemo, useState } from 'react';
import {
  Body1,
  Card,
  CardHeader,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ApiResponse } from '../../shared/api';
import { createApiClient } from './api-client';
import { useSystemTheme } from './use-system-theme';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: tokens.spacingHorizontalM },
  footer: { color: tokens.colorNeutralForeground3 },
});

type Catalog = ApiResponse<'listCatalog'>;
type AppInfo = ApiResponse<'getAppInfo'>;

export function App() {
  const theme = useSystemTheme();
  const styles = useStyles();
  const api = useMemo(() => createApiClient(), []);
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([api.getAppInfo({}), api.listCatalog({})])
      .then(([appInfo, list]) => {
        setInfo(appInfo);
        setCatalog(list);
      })
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, [api]);

  return (
    <FluentProvider theme={theme}>
      <main className={styles.page}>
        <Title2 as="h1">Set up single sign-on for Twilio Flex</Title2>
        <Body1>Choose what you are connecting. The wizard gives you every value to paste, in your identity provider&apos;s own words.</Body1>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {!catalog && !error && <Spinner label="Loading…" />}
        {catalog && (
          <>
            <Subtitle2 as="h2">Product</Subtitle2>
            <div className={styles.grid}>
              {catalog.modes.map((mode) => (
                <Card key={mode.id}>
                  <CardHeader header={<Text weight="semibold">{mode.label}{mode.retired ? ' (retired)' : ''}</Text>} description={mode.summary} />
                </Card>
              ))}
            </div>
            <Subtitle2 as="h2">Identity provider</Subtitle2>
            <div className={styles.grid}>
              {catalog.idps.map((idp) => (
                <Card key={idp.id}>
                  <CardHeader header={<Text weight="semibold">{idp.label}</Text>} />
                </Card>
              ))}
            </div>
          </>
        )}
        {info && (
          <Text size={200} className={styles.footer}>
            {info.name} {info.version}
          </Text>
        )}
      </main>
    </FluentProvider>
  );
}
