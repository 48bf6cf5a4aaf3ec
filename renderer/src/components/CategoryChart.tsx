import { Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { CategoryProfileT } from '../../../core/api/contract.js';

/** How many observed findings fall in each organ system: a case resting on one system shows it. */
export function CategoryChart({ profile }: { profile: CategoryProfileT | undefined }) {
  if (!profile || profile.categories.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        Add observed findings to see which organ systems they involve.
      </Text>
    );
  }
  const data = profile.categories.map((c) => ({ name: c.name, findings: c.count }));
  const summary = data.map((d) => `${d.name}: ${d.findings}`).join('; ');
  return (
    <figure style={{ margin: 0 }} aria-label={`Findings by organ system. ${summary}`}>
      <BarChart
        width={440}
        height={Math.max(80, data.length * 28 + 40)}
        data={data}
        layout="vertical"
        margin={{ left: 8, right: 16, top: 4, bottom: 4 }}
      >
        <CartesianGrid horizontal={false} stroke="#dee2e6" />
        <XAxis type="number" allowDecimals={false} tick={{ fill: '#343a40', fontSize: 12 }} />
        <YAxis
          type="category"
          dataKey="name"
          width={190}
          tick={{ fill: '#212529', fontSize: 12 }}
          interval={0}
        />
        <Tooltip />
        <Bar dataKey="findings" fill="#364fc7" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
