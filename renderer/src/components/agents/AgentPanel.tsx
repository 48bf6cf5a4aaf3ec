import { Loader } from '@mantine/core';
import { useQuery } from '../../api/context.js';
import { ErrorNote } from '../ErrorNote.js';
import { Panel } from '../Panel.js';
import { AgentSummary } from './AgentSummary.js';
import { TranscriptViewer } from './TranscriptViewer.js';

/** The agents' report and transcripts of an analysis; nothing for rankers without agents. */
export function AgentPanel({ caseId, analysisId }: { caseId: number; analysisId: number }) {
  const r = useQuery('getAgentReport', { caseId, analysisId });
  if (r.error) return <ErrorNote error={r.error} title="The agents' report could not be read" />;
  if (r.loading && !r.data) return <Loader size="sm" aria-label="Loading the agents' report" />;
  const report = r.data;
  if (!report?.agent) return null;
  return (
    <>
      <Panel title="How sure the agents are">
        <AgentSummary agent={report.agent} />
      </Panel>
      <Panel title="Agent transcript">
        <TranscriptViewer report={report} />
      </Panel>
    </>
  );
}
