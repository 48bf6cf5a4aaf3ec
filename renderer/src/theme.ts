import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Calm, high-contrast defaults: text and controls meet WCAG AA on white. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
  headings: { fontWeight: '650' },
});

/** Mantine's "dimmed" grey (input descriptions, placeholders) is 3.3:1 on white; darken it to pass AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a' },
  dark: {},
});
