import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'cases' }
  | { screen: 'settings' }
  | { screen: 'case' | 'analyse' | 'export'; caseId: number };

export function parseRoute(hash: string): Route {
  const m = /^#\/case\/(\d+)(?:\/(analyse|export))?$/.exec(hash);
  if (m)
    return { screen: (m[2] as 'analyse' | 'export' | undefined) ?? 'case', caseId: Number(m[1]) };
  if (hash === '#/settings') return { screen: 'settings' };
  return { screen: 'cases' };
}

export function href(route: Route): string {
  if (route.screen === 'cases' || route.screen === 'settings') return `#/${route.screen}`;
  return `#/case/${route.caseId}${route.screen === 'case' ? '' : `/${route.screen}`}`;
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

/** The screen named by the address's #fragment, so Back and Forward work. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
