import { Anchor, Loader, Modal, Text } from '@mantine/core';
import { useQuery } from '../../api/context.js';
import { AnalysisResults } from '../AnalysisResults.js';
import { ErrorNote } from '../ErrorNote.js';
import { href } from '../../route.js';

/** One stored analysis's full results (ranked genes, evidence grid), over the history. */
export function ResultsDialog({
  caseId,
  analysisId,
  onClose,
}: {
  caseId: number;
  analysisId: number | undefined;
  onClose: () => void;
}) {
  const a = useQuery('getAnalysis', analysisId === undefined ? undefined : { caseId, analysisId });
  return (
    <Modal
      opened={analysisId !== undefined}
      onClose={onClose}
      title={`Results of analysis ${analysisId ?? ''}`}
      size="90%"
      // Locking the page scroll injects a <style> element, which the CSP refuses.
      lockScroll={false}
      closeButtonProps={{ 'aria-label': 'Close the results' }}
    >
      {a.loading && <Loader size="sm" aria-label="Loading the results" />}
      <ErrorNote error={a.error} title="The results could not be loaded" />
      {a.data && !a.loading && (
        <>
          <Text size="sm" mb="sm">
            <Anchor href={href({ screen: 'analyse', caseId, analysisId: a.data.id })}>
              Open on the Analyse screen
            </Anchor>
          </Text>
          <AnalysisResults key={a.data.id} analysis={a.data} />
        </>
      )}
    </Modal>
  );
}
