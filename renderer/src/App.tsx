import { useEffect, useMemo, useState } from 'react';
import { FluentProvider, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { createApiClient } from './api-client';
import { useSystemTheme } from './use-system-theme';
import { Wizard } from './wizard/Wizard';
import type { ApiClient } from '../../shared/api';
import { errorMessage } from '../../shared/errors';

const useStyles = makeStyles({
  root: { height: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  center: { padding: tokens.spacingHorizontalXXL },
});

export function App() {
  const { theme, dark } = useSystemTheme();
  const styles = useStyles();
  const bridge = useMemo(() => {
    try {
      return { client: createApiClient(), problem: null };
    } catch (reason) {
      return { client: null, problem: errorMessage(reason) };
    }
  }, []);
  const [api, setApi] = useState<ApiClient | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const error = bridge.problem ?? failure;

  useEffect(() => {
    const client = bridge.client;
    if (!client) return;
    client
      .getAppInfo({})
      .then(() => setApi(client))
      .catch((reason: unknown) => setFailure(errorMessage(reason)));
  }, [bridge]);

  const content = useMemo(() => {
    if (error) {
      return (
        <div className={styles.center}>
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        </div>
      );
    }
    if (!api)
      return (
        <p role="status" className={styles.center}>
          Starting the wizard…
        </p>
      );
    return <Wizard api={api} />;
  }, [api, error, styles.center]);

  return (
    // color-scheme makes the browser's own controls (a file input's button, scroll bars) follow the theme too.
    <FluentProvider theme={theme} className={styles.root} style={{ colorScheme: dark ? 'dark' : 'light' }}>
      {content}
    </FluentProvider>
  );
}
