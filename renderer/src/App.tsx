import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useQuery } from './api/context.js';
import { href, useRoute, type Route } from './route.js';
import { AnalyseScreen } from './screens/AnalyseScreen.js';
import { CaseEditor } from './screens/CaseEditor.js';
import { CasesScreen } from './screens/CasesScreen.js';
import { DifferentialScreen } from './screens/DifferentialScreen.js';
import { ExportScreen } from './screens/ExportScreen.js';
import { HistoryScreen } from './screens/HistoryScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';

function Nav({ route }: { route: Route }) {
  const caseId = 'caseId' in route ? route.caseId : undefined;
  const c = useQuery('getCase', caseId === undefined ? undefined : { id: caseId });
  const label = c.data?.case.label;
  return (
    <nav aria-label="Main">
      <NavLink href={href({ screen: 'cases' })} label="Cases" active={route.screen === 'cases'} />
      {caseId !== undefined && (
        <>
          <Text size="xs" fw={700} tt="uppercase" c="gray.7" mt="md" mb={4} px="sm">
            {label ? `Case: ${label}` : `Case ${caseId}`}
          </Text>
          <NavLink
            href={href({ screen: 'case', caseId })}
            label="Findings and details"
            active={route.screen === 'case'}
          />
          <NavLink
            href={href({ screen: 'analyse', caseId })}
            label="Analyse and results"
            active={route.screen === 'analyse'}
          />
          <NavLink
            href={href({ screen: 'differential', caseId })}
            label="Differential diagnosis"
            active={route.screen === 'differential'}
          />
          <NavLink
            href={href({ screen: 'history', caseId })}
            label="Reanalysis history"
            active={route.screen === 'history'}
          />
          <NavLink
            href={href({ screen: 'export', caseId })}
            label="Export report"
            active={route.screen === 'export'}
          />
        </>
      )}
      <NavLink
        mt="md"
        href={href({ screen: 'settings' })}
        label="Settings and about"
        active={route.screen === 'settings'}
      />
    </nav>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'cases':
      return <CasesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'case':
      return <CaseEditor key={route.caseId} caseId={route.caseId} />;
    case 'analyse':
      return (
        <AnalyseScreen
          key={`${route.caseId}/${route.analysisId ?? ''}`}
          caseId={route.caseId}
          analysisId={route.analysisId}
        />
      );
    case 'differential':
      return <DifferentialScreen key={route.caseId} caseId={route.caseId} />;
    case 'history':
      return <HistoryScreen key={route.caseId} caseId={route.caseId} />;
    case 'export':
      return <ExportScreen key={route.caseId} caseId={route.caseId} />;
  }
}

export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  // A new screen moves focus to its content, so keyboard and screen-reader users start there.
  useEffect(() => {
    main.current?.focus();
  }, [route]);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 220, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={1} size="h3" c="indigo.9">
              Odyssey
            </Title>
            <Text size="sm" c="gray.7">
              phenotype-driven diagnostic reasoning
            </Text>
          </Group>
          <Text size="sm" c="gray.7">
            Local and private: cases stay on this computer
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Nav route={route} />
      </AppShell.Navbar>
      <AppShell.Main ref={main} tabIndex={-1} style={{ outline: 'none' }}>
        <Screen route={route} />
      </AppShell.Main>
    </AppShell>
  );
}
