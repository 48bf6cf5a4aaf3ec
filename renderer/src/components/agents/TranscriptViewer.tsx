import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import type { AgentReportT } from '../../../../core/api/contract.js';

/** Every message the agents exchanged, and every request body exactly as it was sent. */
export function TranscriptViewer({ report }: { report: AgentReportT }) {
  return (
    <Accordion multiple variant="separated" chevronPosition="left">
      <Accordion.Item value="sent">
        <Accordion.Control>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              Sent payloads, exactly as sent
            </Text>
            <Badge color="gray.8">{report.sentPayloads.length}</Badge>
          </Group>
        </Accordion.Control>
        <Accordion.Panel>
          {report.sentPayloads.length === 0 ? (
            <Text size="sm">Nothing was sent to a model provider for this analysis.</Text>
          ) : (
            <Stack gap="xs">
              {report.sentPayloads.map((p, i) => (
                <div key={i}>
                  <Text size="xs" fw={600}>
                    {i + 1}. {p.label}
                  </Text>
                  <pre className="transcript" tabIndex={0} aria-label={`Sent payload ${i + 1}`}>
                    {p.body}
                  </pre>
                </div>
              ))}
            </Stack>
          )}
        </Accordion.Panel>
      </Accordion.Item>
      {report.transcripts.map((t, i) => (
        <Accordion.Item key={i} value={`t${i}`}>
          <Accordion.Control>
            <Text size="sm">
              {t.agent} · {t.messages.length} messages
            </Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              {t.messages.map((m, j) => (
                <div key={j}>
                  <Text size="xs" fw={600} tt="uppercase">
                    {m.role}
                  </Text>
                  <pre
                    className="transcript"
                    tabIndex={0}
                    aria-label={`${t.agent} message ${j + 1}`}
                  >
                    {m.content}
                  </pre>
                </div>
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
