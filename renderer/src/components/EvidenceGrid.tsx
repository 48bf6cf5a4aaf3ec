import { Text } from '@mantine/core';
import type { EvidenceGridT } from '../../../core/api/contract.js';

const KIND: Record<string, string> = {
  exact: 'exact match',
  'patient-more-specific': "the patient's term is more specific",
  'disease-more-specific': "the disease's term is more specific",
  related: 'related through a shared ancestor',
};

/** Light to dark indigo with the information content two terms share (white: no match). */
function shade(ic: number, max: number): { background: string; color: string } {
  const t = max > 0 ? Math.min(1, ic / max) : 0;
  const light = [237, 242, 255];
  const dark = [54, 79, 199];
  const mix = light.map((l, i) => Math.round(l + (dark[i]! - l) * t));
  return { background: `rgb(${mix.join(',')})`, color: t > 0.55 ? '#fff' : '#1a1b1e' };
}

/**
 * Patient findings (rows) against the top genes (columns), like Monarch's PhenoGrid: each cell
 * is shaded by how informative the best match between the finding and the gene's disease is.
 */
export function EvidenceGrid({
  grid,
  selected,
  onSelect,
}: {
  grid: EvidenceGridT;
  selected?: string;
  onSelect: (gene: string) => void;
}) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="evidence-grid">
        <caption style={{ captionSide: 'bottom', textAlign: 'left', paddingTop: 6 }}>
          <Text size="xs" c="gray.8" span>
            Darker cells: the finding matches the gene&apos;s best disease through a more specific
            (more informative) term. Empty: no match.
          </Text>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Text size="xs" c="gray.8" ta="left">
                Finding (IC)
              </Text>
            </th>
            {grid.genes.map((g) => (
              <th key={g} scope="col" className={g === selected ? 'selected' : undefined}>
                <button type="button" onClick={() => onSelect(g)} aria-pressed={g === selected}>
                  {g}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.terms.map((t, i) => (
            <tr key={t.id}>
              <th scope="row" title={t.id}>
                {t.name}{' '}
                <Text span size="xs" c="gray.7">
                  ({t.ic.toFixed(1)})
                </Text>
              </th>
              {grid.cells[i]!.map((c, j) => {
                const gene = grid.genes[j]!;
                const label = c
                  ? `${t.name} and ${gene}: ${KIND[c.kind] ?? c.kind}${c.via ? ` via ${c.via}` : ''}, IC ${c.ic.toFixed(1)}`
                  : `${t.name} and ${gene}: no match`;
                return (
                  <td
                    key={gene}
                    title={label}
                    aria-label={label}
                    className={gene === selected ? 'selected' : undefined}
                    style={c ? shade(c.ic, grid.maxIc) : undefined}
                  >
                    {c?.kind === 'exact' ? '●' : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
