import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.js';
import { ApiProvider } from './api/context.js';
import { App } from './App.js';
import { cssVariablesResolver, theme } from './theme.js';

// The page's CSP lets inline <style> through only with this nonce (see core/api/csp.ts).
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
const api = createClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      getStyleNonce={() => nonce}
      defaultColorScheme="light"
    >
      <ApiProvider api={api}>
        <App />
      </ApiProvider>
    </MantineProvider>
  </StrictMode>,
);
