import { OdysseyError } from '../errors.js';
import { readLines } from '../io/lines.js';
import type { OntologyData, Synonym, SynonymScope, Term } from './types.js';

const SCOPES = new Set<SynonymScope>(['EXACT', 'RELATED', 'BROAD', 'NARROW']);

function malformed(source: string, lineNo: number, what: string): OdysseyError {
  return new OdysseyError(
    'obo-malformed',
    `Malformed OBO in ${source} at line ${lineNo}: ${what}.`,
    'The ontology file is damaged or not an OBO 1.2 file; reinstall it with `odyssey data install`.',
  );
}

/** Reads an OBO quoted string starting at `start` (which must be a quote); returns text and end index. */
function readQuoted(value: string, start: number): { text: string; end: number } | undefined {
  if (value[start] !== '"') return undefined;
  let out = '';
  for (let i = start + 1; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      const next = value[++i]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (ch === '"') {
      return { text: out, end: i + 1 };
    } else {
      out += ch;
    }
  }
  return undefined;
}

/** Drops a trailing "! comment" that OBO allows after identifiers. */
function stripTrailingComment(value: string): string {
  const bang = value.indexOf(' !');
  return (bang >= 0 ? value.slice(0, bang) : value).trim();
}

function parseSynonym(value: string, source: string, lineNo: number): Synonym {
  const q = readQuoted(value, 0);
  if (!q) throw malformed(source, lineNo, 'synonym without a closed quoted text');
  const rest = value.slice(q.end).trim().split(/\s+/);
  const scope = (rest[0] ?? 'RELATED') as SynonymScope;
  if (!SCOPES.has(scope)) throw malformed(source, lineNo, `unknown synonym scope "${rest[0]}"`);
  const type = rest[1] && !rest[1].startsWith('[') ? rest[1] : undefined;
  return type ? { text: q.text, scope, type } : { text: q.text, scope };
}

interface Builder {
  startLine: number;
  term: Partial<Term> & { synonyms: Synonym[]; xrefs: string[]; parents: string[]; altIds: string[]; consider: string[] };
}

function newBuilder(startLine: number): Builder {
  return { startLine, term: { synonyms: [], xrefs: [], parents: [], altIds: [], consider: [], obsolete: false } };
}

function finish(b: Builder, source: string): Term {
  const t = b.term;
  if (!t.id) throw malformed(source, b.startLine, '[Term] stanza without an id');
  if (!t.name) throw malformed(source, b.startLine, `term ${t.id} has no name`);
  return t as Term;
}

/**
 * Streams an OBO 1.2 file (plain or gzipped) into plain term records. Only [Term] stanzas are
 * kept; tags Odyssey does not use are skipped, so the parse stays a single cheap pass.
 */
export async function parseObo(path: string, source = path): Promise<OntologyData> {
  let version: string | undefined;
  let inHeader = true;
  let current: Builder | undefined;
  let inTerm = false;
  const terms: Term[] = [];
  let lineNo = 0;

  for await (const raw of readLines(path)) {
    lineNo++;
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('!')) continue;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) throw malformed(source, lineNo, `bad stanza header "${line}"`);
      if (current) terms.push(finish(current, source));
      current = undefined;
      inHeader = false;
      inTerm = line === '[Term]';
      if (inTerm) current = newBuilder(lineNo);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(source, lineNo, `expected "tag: value", found "${line.slice(0, 60)}"`);
    const tag = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (inHeader) {
      if (tag === 'data-version') version = value.replace(/^hp\/releases\//, '');
      continue;
    }
    if (!inTerm || !current) continue;
    const t = current.term;
    switch (tag) {
      case 'id':
        t.id = value;
        break;
      case 'name':
        t.name = value;
        break;
      case 'def': {
        const q = readQuoted(value, 0);
        if (!q) throw malformed(source, lineNo, 'def without a closed quoted text');
        t.definition = q.text;
        break;
      }
      case 'comment':
        t.comment = value;
        break;
      case 'synonym':
        t.synonyms.push(parseSynonym(value, source, lineNo));
        break;
      case 'xref':
        t.xrefs.push(value.split(/\s/)[0]!);
        break;
      case 'is_a':
        t.parents.push(stripTrailingComment(value));
        break;
      case 'alt_id':
        t.altIds.push(stripTrailingComment(value));
        break;
      case 'is_obsolete':
        t.obsolete = value === 'true';
        break;
      case 'replaced_by':
        t.replacedBy = stripTrailingComment(value);
        break;
      case 'consider':
        t.consider.push(stripTrailingComment(value));
        break;
      default:
        break;
    }
  }
  if (current) terms.push(finish(current, source));
  if (terms.length === 0) {
    throw new OdysseyError(
      'obo-empty',
      `${source} contains no [Term] stanzas.`,
      'The file is empty or not an OBO ontology; reinstall it with `odyssey data install`.',
    );
  }
  if (!version) throw malformed(source, 1, 'missing "data-version" header');
  return { version, terms };
}
