import { Button, Grid, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type {
  CaseDetailT,
  OdysseyApiError,
  PhenotypeInputT,
  PhenotypeT,
  TermHitT,
} from '../../../core/api/contract.js';
import { asApiError, useApi, useQuery } from '../api/context.js';
import { CandidateGenes } from '../components/CandidateGenes.js';
import { CategoryChart } from '../components/CategoryChart.js';
import { Demographics } from '../components/Demographics.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { NotePanel } from '../components/NotePanel.js';
import { TermAutocomplete } from '../components/TermAutocomplete.js';
import { TermList } from '../components/TermList.js';
import { navigate } from '../route.js';

const asInput = (p: PhenotypeT): PhenotypeInputT => ({
  id: p.id,
  excluded: p.excluded,
  ...(p.sourceText !== undefined ? { sourceText: p.sourceText } : {}),
  ...(p.span ? { span: p.span } : {}),
});

export function CaseEditor({ caseId }: { caseId: number }) {
  const api = useApi();
  const loaded = useQuery('getCase', { id: caseId });
  const [detail, setDetail] = useState<CaseDetailT>();
  const [error, setError] = useState<OdysseyApiError>();
  const [addAs, setAddAs] = useState('observed');
  useEffect(() => setDetail(loaded.data), [loaded.data]);
  const observedIds = detail?.phenotypes.filter((p) => !p.excluded).map((p) => p.id) ?? [];
  const profile = useQuery('categoryProfile', detail ? { termIds: observedIds } : undefined);

  if (loaded.error) return <ErrorNote error={loaded.error} title="The case could not be opened" />;
  if (!detail) return <Loader aria-label="Loading the case" />;

  /** Every change to the terms is saved at once: nothing typed is ever only on screen. */
  const saveTerms = async (next: PhenotypeInputT[]): Promise<void> => {
    setError(undefined);
    try {
      setDetail(await api.call('updateCase', { id: caseId, phenotypes: next }));
    } catch (e) {
      setError(asApiError(e));
      throw e;
    }
  };
  const current = detail.phenotypes.map(asInput);
  const others = (p: PhenotypeT): PhenotypeInputT[] =>
    current.filter((c) => !(c.id === p.id && Boolean(c.excluded) === p.excluded));
  const addTerm = (hit: TermHitT): void => {
    const excluded = addAs === 'excluded';
    saveTerms([...current.filter((c) => c.id !== hit.id), { id: hit.id, excluded }]).catch(
      () => {},
    );
  };
  const addFromNote = async (terms: PhenotypeInputT[]): Promise<void> => {
    const ids = new Set(terms.map((t) => t.id));
    await saveTerms([...current.filter((c) => !ids.has(c.id)), ...terms]);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{detail.case.label}</Title>
        <Button
          onClick={() => navigate({ screen: 'analyse', caseId })}
          disabled={observedIds.length === 0}
        >
          Analyse this case
        </Button>
      </Group>
      <Grid gap="md">
        <Grid.Col span={6}>
          <Stack gap="md">
            <Panel title="Findings">
              <Group align="end" gap="xs" mb="sm" wrap="nowrap">
                <div style={{ flex: 1 }}>
                  <TermAutocomplete id="term-search" label="Add an HPO term" onPick={addTerm} />
                </div>
                <SegmentedControl
                  aria-label="Add the term as observed or excluded"
                  value={addAs}
                  onChange={setAddAs}
                  data={[
                    { value: 'observed', label: 'Observed' },
                    { value: 'excluded', label: 'Excluded' },
                  ]}
                />
              </Group>
              <ErrorNote error={error} title="The findings were not saved" />
              <Stack gap="sm">
                <TermList
                  title="Observed"
                  terms={detail.phenotypes.filter((p) => !p.excluded)}
                  empty="None yet: search above or paste a note."
                  onFlip={(p) =>
                    saveTerms([...others(p), { ...asInput(p), excluded: true }]).catch(() => {})
                  }
                  onRemove={(p) => saveTerms(others(p)).catch(() => {})}
                />
                <TermList
                  title="Excluded (checked and absent)"
                  terms={detail.phenotypes.filter((p) => p.excluded)}
                  empty="None: add findings that were looked for and are absent."
                  onFlip={(p) =>
                    saveTerms([...others(p), { ...asInput(p), excluded: false }]).catch(() => {})
                  }
                  onRemove={(p) => saveTerms(others(p)).catch(() => {})}
                />
              </Stack>
            </Panel>
            <Panel title="Patient details">
              <Demographics
                record={detail.case}
                onSave={async (patch) =>
                  setDetail(await api.call('updateCase', { id: caseId, ...patch }))
                }
              />
            </Panel>
            <Panel title="Candidate genes">
              <CandidateGenes caseId={caseId} />
            </Panel>
          </Stack>
        </Grid.Col>
        <Grid.Col span={6}>
          <Stack gap="md">
            <Panel title="Terms from a note">
              <NotePanel onAdd={addFromNote} />
            </Panel>
            <Panel title="Organ systems involved">
              <ErrorNote error={profile.error} />
              <CategoryChart profile={profile.data} />
              {observedIds.length > 0 && (
                <Text size="xs" c="gray.7" mt={4}>
                  A finding can count in more than one system.
                </Text>
              )}
            </Panel>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
