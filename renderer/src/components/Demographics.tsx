import {
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { SEXES, type CaseDetailT, type RequestOf } from '../../../core/api/contract.js';
import { useAction } from '../api/context.js';
import { sexLabel } from '../format.js';
import { ErrorNote } from './ErrorNote.js';

type Save = (patch: Omit<RequestOf<'updateCase'>, 'id'>) => Promise<void>;
const num = (v: string | number): number | null => (v === '' ? null : Number(v));

/** Label, sex, age, onset and notes; saved together with one button. */
export function Demographics({ record, onSave }: { record: CaseDetailT['case']; onSave: Save }) {
  const [label, setLabel] = useState(record.label);
  const [sex, setSex] = useState<string | null>(record.sex ?? null);
  const [age, setAge] = useState<string | number>(record.ageYears ?? '');
  const [onset, setOnset] = useState<string | number>(record.onsetYears ?? '');
  const [notes, setNotes] = useState(record.notes);
  const [saved, setSaved] = useState<string>();
  const { run, busy, error } = useAction();
  const dirty =
    label !== record.label ||
    sex !== (record.sex ?? null) ||
    num(age) !== (record.ageYears ?? null) ||
    num(onset) !== (record.onsetYears ?? null) ||
    notes !== record.notes;

  const save = (): Promise<boolean> =>
    run(async () => {
      await onSave({
        label,
        sex: sex as (typeof SEXES)[number] | null,
        ageYears: num(age),
        onsetYears: num(onset),
        notes,
      });
      setSaved(`Saved at ${new Date().toLocaleTimeString('en-GB')}`);
    });

  return (
    <Stack gap="xs">
      <TextInput
        label="Label or pseudonym"
        value={label}
        onChange={(e) => setLabel(e.currentTarget.value)}
        required
      />
      <Group grow>
        <Select
          label="Sex"
          placeholder="Not given"
          data={SEXES.map((s) => ({ value: s, label: sexLabel(s) }))}
          value={sex}
          onChange={setSex}
          clearable
        />
        <NumberInput
          label="Age (years)"
          min={0}
          max={130}
          decimalScale={2}
          value={age}
          onChange={setAge}
        />
        <NumberInput
          label="Onset (years)"
          min={0}
          max={130}
          decimalScale={2}
          value={onset}
          onChange={setOnset}
        />
      </Group>
      <Textarea
        label="Case notes"
        autosize
        minRows={1}
        maxRows={4}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
      />
      <Group>
        <Button
          onClick={save}
          loading={busy}
          disabled={!dirty}
          variant={dirty ? 'filled' : 'default'}
        >
          Save details
        </Button>
        <Text size="sm" c="gray.8" aria-live="polite">
          {dirty ? 'Unsaved changes' : saved}
        </Text>
      </Group>
      <ErrorNote error={error} title="The details were not saved" />
    </Stack>
  );
}
