/**
 * What the API handlers share for the life of one server or window: the case store, opened once,
 * and the knowledge base, term search and note extractor, each loaded on first use and then
 * kept. A failed load is forgotten, so fixing the data and retrying works without a restart.
 */
import { isOdysseyError } from '../errors.js';
import { loadKnowledgeBase } from '../genes/kb/load.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { OnnxPhraseMatcher } from '../hpo/encoder/onnx-phrase-matcher.js';
import { TermExtractor } from '../hpo/extract/term-extractor.js';
import { TermSearch } from '../hpo/search/term-search.js';
import { openStore, type Store } from '../store/store.js';
import { ApiEngine } from './engine.js';
import type { JobOutcome } from './agent-jobs.js';
import { JobRegistry } from './jobs.js';
import type { ApiKeyStore } from './key-store.js';

export interface ApiContextOptions {
  /** The folder holding odyssey.db (Electron: userData); default ODYSSEY_HOME or the platform's. */
  home?: string;
  actor?: string;
  /** Encrypted API-key storage (Electron); without it keys come only from the environment. */
  keyStore?: ApiKeyStore;
  /** The environment providers read keys and ODYSSEY_LOCAL_ONLY from; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Keeps one promise per resource; a rejected one is dropped so the next call tries again. */
function lazy<T>(load: () => Promise<T>): { get: () => Promise<T>; loaded: () => boolean } {
  let p: Promise<T> | undefined;
  let done = false;
  return {
    get: () => {
      p ??= load().then(
        (v) => ((done = true), v),
        (e: unknown) => {
          p = undefined;
          throw e;
        },
      );
      return p;
    },
    loaded: () => done,
  };
}

export interface Extraction {
  extractor: TermExtractor;
  /** Why the phrase encoder is not in use, when it is not. */
  note?: string;
}

export class ApiContext {
  private storeInstance: Store | undefined;
  private readonly kbLoad = lazy(async () => (await loadKnowledgeBase()).kb);
  private readonly searchLoad = lazy(async () => new TermSearch((await this.kb()).hpo.ontology));
  private readonly extractorLoad = lazy(async (): Promise<Extraction> => {
    const { ontology } = (await this.kb()).hpo;
    try {
      return {
        extractor: new TermExtractor(ontology, {
          matchers: [await OnnxPhraseMatcher.load(ontology)],
        }),
      };
    } catch (e) {
      // Without the encoder model the dictionary still extracts; the UI says what is missing.
      if (!isOdysseyError(e) || !e.code.startsWith('model-')) throw e;
      return {
        extractor: new TermExtractor(ontology),
        note: `${e.message} Only the phrase dictionary was used.`,
      };
    }
  });
  private engineInstance: ApiEngine | undefined;
  private storedKeys: Record<string, string> | undefined;
  /** Analyses running or recently finished, for the start/poll/cancel operations. */
  readonly jobs = new JobRegistry<JobOutcome>();

  constructor(private readonly options: ApiContextOptions = {}) {}

  /** The store folder given at start (undefined: ODYSSEY_HOME or the platform's default). */
  get home(): string | undefined {
    return this.options.home;
  }

  get keyStore(): ApiKeyStore | undefined {
    return this.options.keyStore;
  }

  /**
   * The environment the LLM providers see: the process's, with the keys from the encrypted
   * store set as the providers' key variables. Keys stay in this process's memory.
   */
  providerEnv(): NodeJS.ProcessEnv {
    const store = this.options.keyStore;
    this.storedKeys ??= store?.status().available ? store.load() : {};
    return { ...(this.options.env ?? process.env), ...this.storedKeys };
  }

  /** Reads the stored keys again after one was saved or forgotten. */
  reloadKeys(): void {
    this.storedKeys = undefined;
  }

  get store(): Store {
    this.storeInstance ??= openStore({
      ...(this.options.home ? { home: this.options.home } : {}),
      ...(this.options.actor ? { actor: this.options.actor } : {}),
    });
    return this.storeInstance;
  }

  kb(): Promise<KnowledgeBase> {
    return this.kbLoad.get();
  }

  knowledgeReady(): boolean {
    return this.kbLoad.loaded();
  }

  termSearch(): Promise<TermSearch> {
    return this.searchLoad.get();
  }

  extraction(): Promise<Extraction> {
    return this.extractorLoad.get();
  }

  async engine(): Promise<ApiEngine> {
    this.engineInstance ??= new ApiEngine(await this.kb());
    return this.engineInstance;
  }

  /**
   * Starts loading the knowledge base, the search index and the knowledge ranker's index now,
   * so the first search and the first analysis do not wait for them.
   */
  warmUp(): void {
    this.termSearch()
      .then(() => this.engine())
      .then((e) => e.ranker('knowledge'))
      .catch(() => {
        // Reported to the user by the first request that needs it.
      });
  }

  close(): void {
    this.jobs.cancelAll();
    this.storeInstance?.close();
    this.storeInstance = undefined;
  }
}
