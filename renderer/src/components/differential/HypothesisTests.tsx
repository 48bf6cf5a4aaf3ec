import { Accordion, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DdxHypothesisTestT } from '../../../../core/api/contract.js';
import { EvidenceAgainst, EvidenceFor } from './Evidence.js';
import { genesText, pct } from './format.js';

const FIRST = 10;

function Outcome({ t }: { t: DdxHypothesisTestT }) {
  const o = t.outcome;
  if (o.kind === 'in-differential')
    return (
      <Badge color="indigo.8" tt="none">
        #{o.rank} in the differential · {pct(o.probability ?? 0)}
      </Badge>
    );
  if (o.kind === 'dropped')
    return (
      <Badge color="red.9" tt="none">
        Dropped
      </Badge>
    );
  return (
    <Badge color="gray.7" tt="none">
      Tested, not retained
    </Badge>
  );
}

function TestBody({ t }: { t: DdxHypothesisTestT }) {
  return (
    <Stack gap="sm">
      <Text size="sm">
        Genes: {genesText(t.genes)}.{' '}
        {t.initialRank !== undefined ? `Ranked ${t.initialRank} by the ranker. ` : ''}
        {t.backtrackRound !== undefined
          ? `Tested when reflection round ${t.backtrackRound} went back for more candidates. `
          : ''}
        Score {t.scoreBefore.toFixed(2)} from the findings, {t.prior.toFixed(2)} prior,{' '}
        {t.scoreAfter.toFixed(2)} after the evidence against.
      </Text>
      {t.outcome.kind === 'dropped' && t.outcome.reason && (
        <Text size="sm" c="red.9">
          Dropped: {t.outcome.reason}.
        </Text>
      )}
      <EvidenceFor items={t.evidenceFor} disease={t.name} />
      <EvidenceAgainst
        items={t.evidenceAgainst}
        label="Evidence against"
        empty="No finding speaks against it."
      />
      <EvidenceAgainst
        items={t.conflicts}
        label="Inheritance, sex and onset"
        empty="No conflict with the mode of inheritance, the sex or the age of onset."
      />
      {t.unexplained.length > 0 && (
        <Text size="sm">
          <b>Not explained by it:</b> {t.unexplained.map((u) => u.name).join(', ')}.
        </Text>
      )}
    </Stack>
  );
}

/** Step 3: each hypothesis tested against the findings, as a card that opens on its evidence. */
export function HypothesisTests({ tests }: { tests: DdxHypothesisTestT[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? tests : tests.slice(0, FIRST);
  return (
    <div>
      <Accordion
        multiple
        variant="separated"
        chevronPosition="left"
        defaultValue={tests[0] ? [tests[0].diseaseId] : []}
      >
        {shown.map((t) => (
          <Accordion.Item key={t.diseaseId} value={t.diseaseId}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div>
                  <Text size="sm" fw={600}>
                    {t.name}
                  </Text>
                  <Text size="xs" c="gray.7">
                    {t.diseaseId} · {genesText(t.genes)}
                  </Text>
                </div>
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  <Badge color="teal.9" tt="none">
                    {t.evidenceFor.length} for
                  </Badge>
                  <Badge
                    color={
                      t.evidenceAgainst.some((a) => a.weight < 0) || t.conflicts.length
                        ? 'red.9'
                        : 'gray.7'
                    }
                    tt="none"
                  >
                    {t.evidenceAgainst.length + t.conflicts.length} against
                  </Badge>
                  <Outcome t={t} />
                </Group>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <TestBody t={t} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {tests.length > FIRST && (
        <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setAll(!all)}>
          {all ? `Show the first ${FIRST}` : `Show all ${tests.length} tested hypotheses`}
        </Button>
      )}
    </div>
  );
}
