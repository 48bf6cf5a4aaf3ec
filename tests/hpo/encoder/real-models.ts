import { loadHpo, type HpoLoadResult } from '../../../core/hpo/hpo-cache.js';
import { modelsDir } from '../../../core/hpo/encoder/model-files.js';
import { buildModels } from '../../../models/build-models.js';

/** Building from scratch trains both models (a few minutes on 2 cores); with models on disk it only checks them. */
export const BUILD_TIMEOUT = 15 * 60_000;

/**
 * The real HPO release and the real models in models/build, built by the same function
 * `npm install` runs when they are missing or stale.
 */
export async function realModels(): Promise<{ hpo: HpoLoadResult; dir: string }> {
  const hpo = await loadHpo();
  const dir = modelsDir();
  await buildModels({ ontology: hpo.ontology, dir });
  return { hpo, dir };
}
