/** Candidate gene sets from a typed list, a panel file or an annotated VCF. */
export { buildCandidateSet } from './candidate-set.js';
export type {
  CandidateSet,
  CandidateSource,
  CandidateSourceKind,
  VcfSourceStats,
} from './candidate-set.js';
export { candidatesFromList, splitGeneList } from './candidates-list.js';
export { candidatesFromPanel, findGeneColumn } from './candidates-panel.js';
export { candidatesFromVcf, type VcfCandidateOptions } from './candidates-vcf.js';
