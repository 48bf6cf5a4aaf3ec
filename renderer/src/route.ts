import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'cases' }
  | { screen: 'settings' }
  | { screen: CaseScreen; caseId: number; analysisId?: number };

export type CaseScreen = 'case' | 'analyse' | 'differential' | 'history' | 'export';

export function parseRoute(hash: string): Route {
  const m = /^#\/case\/(\d+)(?:\/(analyse|differential|history|export))?(?:\/(\d+))?$/.exec(hash);
  if (m) {
    const screen = (m[2] as CaseScreen | undefined) ?? 'case';
    // Only the Analyse screen shows one chosen analysis (#/case/3/analyse/7).
    return {
      screen,
      caseId: Number(m[1]),
      ...(m[3] && screen === 'analyse' ? { analysisId: Number(m[3]) } : {}),
    };
  }
  if (hash === '#/settings') return { screen: 'settings' };
  return { screen: 'cases' };
}

export function href(route: Route): string {
  if (route.screen === 'cases' || route.screen === 'settings') return `#/${route.screen}`;
  const id = 'analysisId' in route && route.analysisId ? `/${route.analysisId}` : '';
  return `#/case/${route.caseId}${route.screen === 'case' ? '' : `/${route.screen}`}${id}`;
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
