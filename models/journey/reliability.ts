// Expected calibration error and the reliability table of a probability against outcomes.

export interface ReliabilityBin {
  from: number;
  to: number;
  cases: number;
  meanProbability: number;
  accuracy: number;
}

export function reliability(p: readonly number[], y: readonly boolean[], bins = 10): { ece: number; table: ReliabilityBin[] } {
  const table: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const idx = p.map((_, i) => i).filter((i) => p[i]! >= from && (b === bins - 1 ? p[i]! <= to : p[i]! < to));
    if (!idx.length) continue;
    const meanProbability = idx.reduce((s, i) => s + p[i]!, 0) / idx.length;
    const accuracy = idx.filter((i) => y[i]).length / idx.length;
    ece += (idx.length / p.length) * Math.abs(meanProbability - accuracy);
    table.push({ from, to, cases: idx.length, meanProbability: round(meanProbability), accuracy: round(accuracy) });
  }
  return { ece: round(ece), table };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
