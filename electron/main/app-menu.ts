import { app, dialog, type MenuItemConstructorOptions, type WebContents } from 'electron';

/** DevTools exist only while developing: a packaged app has no menu item, no shortcut and no other way to open them. */
export function devToolsAllowed(): boolean {
  return !app.isPackaged;
}

/**
 * In a packaged app, DevTools that something opens anyway (a future menu item, a stray
 * `openDevTools()`) are closed at once, in every web contents (the login window included).
 */
export function keepDevToolsClosed(contents: WebContents): void {
  if (devToolsAllowed()) return;
  contents.on('devtools-opened', () => contents.closeDevTools());
}

/**
 * The application menu. While developing, Electron's View menu (reload, DevTools); packaged, a View
 * menu with zoom and full screen only, so neither the menu nor its shortcuts (Ctrl+Shift+I, F12,
 * Cmd+Alt+I) open DevTools.
 */
export function applicationMenuTemplate(packaged: boolean = app.isPackaged, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = packaged
    ? { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] }
    : { role: 'viewMenu' };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Flex SSO Wizard',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Flex SSO Wizard',
              message: `Flex SSO Wizard ${app.getVersion()}`,
              detail: 'Sets up SAML single sign-on between your identity provider and Twilio Flex or Frontline.',
            }),
        },
      ],
    },
  ];
}
