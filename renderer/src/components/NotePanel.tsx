import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ExtractedTermT, PhenotypeInputT } from '../../../core/api/contract.js';
import { useAction, useApi } from '../api/context.js';
import { ErrorNote } from './ErrorNote.js';

interface Review {
  term: ExtractedTermT;
  accepted: boolean;
  excluded: boolean;
}

/** The note with each extracted finding marked: blue present, orange absent, grey rejected. */
function Highlighted({ text, reviews }: { text: string; reviews: Review[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const r of [...reviews].sort((a, b) => a.term.start - b.term.start)) {
    if (r.term.start < at) continue;
    parts.push(text.slice(at, r.term.start));
    const cls = !r.accepted ? 'rejected' : r.excluded ? 'negated' : 'present';
    parts.push(
      <mark
        key={`${r.term.start}-${r.term.id}`}
        className={cls}
        title={`${r.term.name} (${r.term.id})${r.excluded ? ', absent' : ''}`}
      >
        {text.slice(r.term.start, r.term.end)}
      </mark>,
    );
    at = r.term.end;
  }
  parts.push(text.slice(at));
  return (
    <div className="note-view" aria-label="The note with the findings found in it highlighted">
      {parts}
    </div>
  );
}

/**
 * Paste a clinic letter or note; Odyssey finds the HPO terms in it (with negation, hedging and
 * family history). The user reviews each one — accept or reject, observed or excluded — before
 * anything is added to the case.
 */
export function NotePanel({ onAdd }: { onAdd: (terms: PhenotypeInputT[]) => Promise<void> }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [analysed, setAnalysed] = useState<string>();
  const [reviews, setReviews] = useState<Review[]>([]);
  const [family, setFamily] = useState<ExtractedTermT[]>([]);
  const [note, setNote] = useState<string>();
  const finding = useAction();
  const adding = useAction();

  const extract = (): Promise<boolean> =>
    finding.run(async () => {
      const r = await api.call('extractTerms', { text });
      setAnalysed(text);
      // Hedged findings ("possible autism") start rejected: the clinician decides.
      setReviews(
        r.terms.map((term) => ({ term, accepted: !term.uncertain, excluded: term.negated })),
      );
      setFamily(r.familyHistory);
      setNote(r.note);
    });
  const change = (i: number, patch: Partial<Review>): void =>
    setReviews((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const accepted = reviews.filter((r) => r.accepted);
  const add = (): Promise<boolean> =>
    adding.run(async () => {
      await onAdd(
        accepted.map((r) => ({
          id: r.term.id,
          excluded: r.excluded,
          sourceText: analysed!,
          span: [r.term.start, r.term.end],
        })),
      );
      setReviews([]);
      setFamily([]);
      setAnalysed(undefined);
      setText('');
    });

  return (
    <Stack gap="xs">
      <Textarea
        label="Clinical note"
        description="Paste a letter or note; nothing is added until you accept it."
        autosize
        minRows={3}
        maxRows={8}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Group>
        <Button onClick={extract} loading={finding.busy} disabled={!text.trim()} variant="light">
          Find terms in the note
        </Button>
      </Group>
      <ErrorNote error={finding.error} title="The note could not be read" />
      {note && (
        <Alert color="yellow" variant="light">
          <Text size="sm">{note}</Text>
        </Alert>
      )}
      {analysed !== undefined && (
        <>
          <Highlighted text={analysed} reviews={reviews} />
          {reviews.length === 0 && <Text size="sm">No HPO terms were found in this note.</Text>}
          <Stack gap={4} aria-label="Terms found in the note">
            {reviews.map((r, i) => (
              <Paper key={`${r.term.start}-${r.term.id}`} withBorder px="xs" py={4}>
                <Group justify="space-between" wrap="nowrap">
                  <Checkbox
                    checked={r.accepted}
                    onChange={(e) => change(i, { accepted: e.currentTarget.checked })}
                    label={
                      <span>
                        <b>{r.term.name}</b>{' '}
                        <span className="term-option-meta">
                          “{r.term.text}” {r.term.uncertain ? '· hedged' : ''}
                        </span>
                      </span>
                    }
                  />
                  <SegmentedControl
                    size="xs"
                    aria-label={`${r.term.name}: observed or excluded`}
                    value={r.excluded ? 'excluded' : 'observed'}
                    onChange={(v) => change(i, { excluded: v === 'excluded' })}
                    data={[
                      { value: 'observed', label: 'Observed' },
                      { value: 'excluded', label: 'Excluded' },
                    ]}
                  />
                </Group>
              </Paper>
            ))}
          </Stack>
          {family.length > 0 && (
            <Text size="sm" c="gray.8">
              Family history (not added to the patient):{' '}
              {family.map((f) => `${f.name} (“${f.text}”)`).join('; ')}
            </Text>
          )}
          {reviews.length > 0 && (
            <Group>
              <Button onClick={add} loading={adding.busy} disabled={!accepted.length}>
                Add {accepted.length} accepted term{accepted.length === 1 ? '' : 's'} to the case
              </Button>
              <Badge variant="filled" color="gray.7">
                {reviews.length - accepted.length} rejected
              </Badge>
            </Group>
          )}
          <ErrorNote error={adding.error} title="The terms were not added" />
        </>
      )}
    </Stack>
  );
}
