import type { HpoKnowledge } from '../../hpo/hpo-cache.js';
import type { GeneIdentity } from '../identity.js';
import type { Disease, Gene, KnowledgeData, KnowledgeVersions } from './types.js';

/** Knowledge data with lookups; what rankers, explanations and the CLI are given. */
export class KnowledgeBase {
  readonly diseases: readonly Disease[];
  readonly genes: readonly Gene[];
  readonly versions: KnowledgeVersions;
  readonly buildNotes: readonly string[];
  private readonly diseaseById = new Map<string, number>();
  private readonly geneBySymbol = new Map<string, number>();

  constructor(
    readonly hpo: HpoKnowledge,
    readonly identity: GeneIdentity,
    data: KnowledgeData,
  ) {
    this.diseases = data.diseases;
    this.genes = data.genes;
    this.versions = data.versions;
    this.buildNotes = data.buildNotes;
    data.diseases.forEach((d, i) => this.diseaseById.set(d.id, i));
    data.genes.forEach((g, i) => this.geneBySymbol.set(g.symbol, i));
  }

  diseaseIndex(id: string): number | undefined {
    return this.diseaseById.get(id);
  }

  disease(id: string): Disease | undefined {
    const i = this.diseaseById.get(id);
    return i === undefined ? undefined : this.diseases[i];
  }

  geneIndex(symbol: string): number | undefined {
    return this.geneBySymbol.get(symbol);
  }

  gene(symbol: string): Gene | undefined {
    const i = this.geneBySymbol.get(symbol);
    return i === undefined ? undefined : this.genes[i];
  }

  /** The approved symbol for any gene name or id, when the knowledge base annotates that gene. */
  annotatedSymbol(input: string): string | undefined {
    if (this.geneBySymbol.has(input)) return input;
    const r = this.identity.resolve(input);
    return r.symbol && this.geneBySymbol.has(r.symbol) ? r.symbol : undefined;
  }
}
