/** Dark orange for "leaves this computer": white text on it keeps WCAG AA contrast (6:1). */
export const REMOTE_COLOR = '#a63c06';
