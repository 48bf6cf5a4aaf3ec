/**
 * The Content-Security-Policy both shells send with the renderer: only its own scripts, styles
 * and data, nothing remote, no framing. Inline <style> is allowed only with the page's nonce
 * (the component kit writes its theme variables in one); inline scripts never.
 */
export const NONCE_PLACEHOLDER = '__ODYSSEY_CSP_NONCE__';

export function contentSecurityPolicy(nonce?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
