import { Alert, Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { DifferentialViewT } from '../../../../core/api/contract.js';
import { genesText, pct } from './format.js';

type Conclusion = DifferentialViewT['conclusion'];

export const CONFIDENCE_LOOK: Record<Conclusion['confidence'], { words: string; color: string }> = {
  high: { words: 'High confidence', color: 'teal.9' },
  moderate: { words: 'Moderate confidence', color: 'indigo.8' },
  low: { words: 'Low confidence', color: '#8a5a00' },
  insufficient: { words: 'Insufficient evidence', color: 'red.9' },
};

export function ConfidenceBadge({ confidence }: { confidence: Conclusion['confidence'] }) {
  const look = CONFIDENCE_LOOK[confidence];
  return (
    <Badge color={look.color} size="lg" tt="none" style={{ flexShrink: 0 }}>
      {look.words}
    </Badge>
  );
}

function Bar({ label, detail, p }: { label: string; detail: string; p: number }) {
  return (
    <div>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} className="one-line" style={{ maxWidth: 560 }} title={label}>
          {label}
        </Text>
        <Text size="sm" fw={700} ff="monospace">
          {pct(p)}
        </Text>
      </Group>
      <Progress value={p * 100} size="md" color="indigo.7" aria-label={`${label}: ${pct(p)}`} />
      <Text size="xs" c="gray.7">
        {detail}
      </Text>
    </div>
  );
}

/** Step 5: the ranked differential with calibrated probabilities, and how sure it is. */
export function ConclusionStep({ conclusion: c }: { conclusion: Conclusion }) {
  return (
    <Stack gap="sm">
      {c.insufficientEvidence ? (
        <Alert
          color="red"
          variant="light"
          title={
            <Text fw={700} c="red.9">
              Insufficient evidence: no confident answer
            </Text>
          }
        >
          <Text size="sm" c="red.9">
            {c.text}
          </Text>
        </Alert>
      ) : (
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ConfidenceBadge confidence={c.confidence} />
          <Text size="sm">{c.text}</Text>
        </Group>
      )}
      <Stack gap={8} role="list" aria-label="Differential with probabilities">
        {c.entries.map((e, i) => (
          <div role="listitem" key={e.diseaseId}>
            <Bar
              label={`${i + 1}. ${e.name}`}
              detail={`${e.diseaseId} · ${genesText(e.genes)}`}
              p={e.probability}
            />
          </div>
        ))}
        <div role="listitem">
          <Bar
            label="A diagnosis outside this list"
            detail="Including diseases not in the knowledge base."
            p={c.otherProbability}
          />
        </div>
      </Stack>
    </Stack>
  );
}
