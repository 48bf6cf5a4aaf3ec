import { readLines } from '../../io/lines.js';
import { OdysseyError } from '../../errors.js';
import { readPhenotypeHpoa } from '../../hpo/annotations.js';
import { parseFrequency } from '../../hpo/frequency.js';
import type { Ontology } from '../../hpo/ontology.js';
import { PHENOTYPIC_ABNORMALITY } from '../../hpo/types.js';
import type { GeneIdentity } from '../identity.js';
import type { Disease, DiseasePhenotype, Gene, KnowledgeData, KnowledgeVersions } from './types.js';

const INHERITANCE_ROOT = 'HP:0000005';
const ONSET_ROOT = 'HP:0003674';

export interface KnowledgeFiles {
  genesToPhenotype: string;
  phenotypeHpoa: string;
  genesToDisease: string;
}

type Kind = 'phenotype' | 'inheritance' | 'onset' | 'other';

class DiseaseBuilder {
  readonly byId = new Map<string, Disease>();
  readonly phenotypeIndex = new Map<string, Map<string, DiseasePhenotype>>();

  get(id: string, name?: string): Disease {
    let d = this.byId.get(id);
    if (!d) {
      d = { id, name: name || id, genes: [], phenotypes: [], negated: [], inheritance: [], onset: [], references: [] };
      this.byId.set(id, d);
      this.phenotypeIndex.set(id, new Map());
    } else if (name && d.name === id) d.name = name;
    return d;
  }

  /** Several rows can annotate one term (one per source); the highest stated frequency stands. */
  addPhenotype(d: Disease, p: DiseasePhenotype): void {
    const index = this.phenotypeIndex.get(d.id)!;
    const prev = index.get(p.id);
    if (!prev) {
      const entry = { ...p };
      index.set(p.id, entry);
      d.phenotypes.push(entry);
      return;
    }
    if (p.frequency !== undefined && (prev.frequency === undefined || p.frequency > prev.frequency)) prev.frequency = p.frequency;
    if (!prev.onset && p.onset) prev.onset = p.onset;
    if (prev.sex && !p.sex) delete prev.sex;
  }
}

function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function columns(header: string, expected: string[], path: string): void {
  const cols = header.split('\t');
  if (expected.some((e, i) => cols[i] !== e)) {
    throw new OdysseyError('kb-malformed', `${path} does not have the expected columns (${expected.join(', ')}).`, 'Reinstall the data with `odyssey data install --force`.');
  }
}

/**
 * Builds disease profiles and gene–disease links from the HPO annotation files, normalising
 * every gene to its current HGNC symbol through its NCBI id. phenotype.hpoa (2025) gives names,
 * NOT annotations, inheritance, onset and references; genes_to_phenotype (2026) is newer and
 * adds the gene links and any annotations the older file lacks.
 */
export async function buildKnowledge(
  files: KnowledgeFiles,
  ontology: Ontology,
  identity: GeneIdentity,
  versions: KnowledgeVersions,
): Promise<KnowledgeData> {
  const notes: string[] = [];
  const kindCache = new Map<string, Kind>();
  const kindOf = (id: string): Kind => {
    let k = kindCache.get(id);
    if (!k) {
      k = ontology.isA(id, PHENOTYPIC_ABNORMALITY) ? 'phenotype' : ontology.isA(id, INHERITANCE_ROOT) ? 'inheritance' : ontology.isA(id, ONSET_ROOT) ? 'onset' : 'other';
      kindCache.set(id, k);
    }
    return k;
  };
  const b = new DiseaseBuilder();

  const hpoa = await readPhenotypeHpoa(files.phenotypeHpoa, ontology);
  if (hpoa.unresolved.size) notes.push(`phenotype.hpoa: ${hpoa.unresolved.size} HPO ids not in the ontology were skipped`);
  for (const a of hpoa.annotations) {
    const d = b.get(a.diseaseId, a.diseaseName);
    for (const r of a.references) if (r.startsWith('PMID:')) addUnique(d.references, r);
    const kind = kindOf(a.hpoId);
    if (kind === 'phenotype') {
      if (a.negated) addUnique(d.negated, a.hpoId);
      else b.addPhenotype(d, { id: a.hpoId, ...(a.frequency !== undefined ? { frequency: a.frequency } : {}), ...(a.onset ? { onset: a.onset } : {}), ...(a.sex ? { sex: a.sex } : {}) });
    } else if (kind === 'inheritance' && !a.negated) addUnique(d.inheritance, a.hpoId);
    else if (kind === 'onset' && !a.negated) addUnique(d.onset, a.hpoId);
  }

  const symbolOf = new Map<string, string>();
  const geneSymbol = (ncbi: string, given: string): string => {
    let s = symbolOf.get(ncbi);
    if (!s) {
      const r = identity.resolve(ncbi);
      s = r.status === 'id' && r.symbol ? r.symbol : identity.addKnown(given, ncbi);
      symbolOf.set(ncbi, s);
    }
    return s;
  };

  let header = true;
  let unresolvedTerms = 0;
  for await (const line of readLines(files.genesToPhenotype)) {
    if (header) {
      columns(line, ['ncbi_gene_id', 'gene_symbol', 'hpo_id', 'hpo_name', 'frequency', 'disease_id'], files.genesToPhenotype);
      header = false;
      continue;
    }
    const [ncbi, symbol, hpoId, , freq, diseaseId] = line.split('\t');
    if (!ncbi || !diseaseId || !hpoId) continue;
    const d = b.get(diseaseId);
    addUnique(d.genes, geneSymbol(ncbi, symbol ?? ''));
    const term = ontology.resolve(hpoId).term;
    if (!term) {
      unresolvedTerms++;
      continue;
    }
    const kind = kindOf(term.id);
    if (kind === 'phenotype') {
      const f = parseFrequency(freq);
      b.addPhenotype(d, { id: term.id, ...(f !== undefined ? { frequency: f } : {}) });
    } else if (kind === 'inheritance') addUnique(d.inheritance, term.id);
    else if (kind === 'onset') addUnique(d.onset, term.id);
  }
  if (unresolvedTerms) notes.push(`genes_to_phenotype: ${unresolvedTerms} rows with HPO ids not in the ontology were skipped`);

  header = true;
  let polygenic = 0;
  let noProfile = 0;
  for await (const line of readLines(files.genesToDisease)) {
    if (header) {
      columns(line, ['ncbi_gene_id', 'gene_symbol', 'association_type', 'disease_id'], files.genesToDisease);
      header = false;
      continue;
    }
    const [ncbiCurie, symbol, type, diseaseId] = line.split('\t');
    if (!ncbiCurie || !diseaseId) continue;
    // Polygenic links are susceptibilities, not causal Mendelian genes.
    if (type === 'POLYGENIC') {
      polygenic++;
      continue;
    }
    const d = b.byId.get(diseaseId);
    if (!d || d.phenotypes.length === 0) {
      noProfile++;
      continue;
    }
    addUnique(d.genes, geneSymbol(ncbiCurie.replace(/^NCBIGene:/, ''), symbol ?? ''));
  }
  notes.push(`genes_to_disease: ${polygenic} polygenic links left out; ${noProfile} links to diseases without phenotype annotations left out`);

  const diseases = Array.from(b.byId.values()).filter((d) => d.phenotypes.length > 0);
  const genes = new Map<string, Gene>();
  for (const d of diseases) {
    for (const s of d.genes) {
      let g = genes.get(s);
      if (!g) {
        const info = identity.info(s);
        g = { symbol: s, diseases: [] };
        if (info?.ncbiId) g.ncbiId = info.ncbiId;
        if (info?.hgncId) g.hgncId = info.hgncId;
        genes.set(s, g);
      }
      g.diseases.push(d.id);
    }
  }
  const size = new Map(diseases.map((d) => [d.id, d.phenotypes.length]));
  for (const g of genes.values()) g.diseases.sort((x, y) => size.get(y)! - size.get(x)! || x.localeCompare(y));
  notes.push(`${diseases.length} diseases with phenotype annotations (${diseases.filter((d) => d.genes.length).length} with genes), ${genes.size} genes`);
  return { versions, diseases, genes: Array.from(genes.values()).sort((x, y) => x.symbol.localeCompare(y.symbol)), buildNotes: notes };
}
