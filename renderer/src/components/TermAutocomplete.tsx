import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { OdysseyApiError, TermHitT } from '../../../core/api/contract.js';
import { asApiError, useApi } from '../api/context.js';

/**
 * HPO term search as you type: each keystroke asks the server (answers in a few ms), stale
 * answers are dropped, arrow keys move, Enter adds. Each option shows the synonym it matched
 * and its organ systems, so "fits" → Seizure is visibly a match on a synonym.
 */
export function TermAutocomplete({
  onPick,
  label,
  id,
}: {
  onPick: (hit: TermHitT) => void;
  label: string;
  id: string;
}) {
  const api = useApi();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<TermHitT[]>([]);
  // The query the options on screen answer (exposed as data-results-for for measurements).
  const [resultsFor, setResultsFor] = useState('');
  const [error, setError] = useState<OdysseyApiError>();
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    // One letter matches thousands of terms and tells nothing; start from two.
    if (q.length < 2) {
      seq.current++;
      setHits([]);
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    api.call('searchTerms', { query: q, limit: 10 }).then(
      (r) => {
        if (mine !== seq.current) return;
        setHits(r.results);
        setResultsFor(q);
        setError(undefined);
        setLoading(false);
        combobox.openDropdown();
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(asApiError(e));
        setHits([]);
        setLoading(false);
      },
    );
    // combobox is a new object each render, so it is left out: searching follows the query only.
  }, [api, query]);

  // Enter adds the best match: the first option is highlighted once the new options are drawn.
  useEffect(() => {
    if (hits.length) combobox.selectFirstOption();
  }, [hits]);

  const pick = (value: string): void => {
    const hit = hits.find((h) => h.id === value);
    if (!hit) return;
    onPick(hit);
    setQuery('');
    setHits([]);
    combobox.closeDropdown();
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={pick}
      withinPortal={false}
      width={560}
      position="bottom-start"
    >
      <Combobox.Target>
        <TextInput
          id={id}
          label={label}
          placeholder="Type a finding, a synonym or an HPO id, e.g. seizures"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onFocus={() => hits.length && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={loading ? <Loader size={16} /> : null}
          error={error ? `${error.message}${error.hint ? ` ${error.hint}` : ''}` : undefined}
          autoComplete="off"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!query.trim()}>
        <Combobox.Options
          aria-label="Matching HPO terms"
          mah={360}
          style={{ overflowY: 'auto' }}
          data-results-for={resultsFor}
        >
          {query.trim().length < 2 && (
            <Combobox.Empty>Keep typing: at least two letters.</Combobox.Empty>
          )}
          {query.trim().length >= 2 && hits.length === 0 && !loading && (
            <Combobox.Empty>No HPO term matches “{query}”.</Combobox.Empty>
          )}
          {hits.map((h) => (
            <Combobox.Option value={h.id} key={h.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div>
                  <Text size="sm" fw={600}>
                    {h.name}
                  </Text>
                  {h.matched !== h.name && (
                    <Text className="term-option-meta">
                      matched{' '}
                      {h.matchKind === 'synonym' ? 'synonym' : h.matchKind.replace('_', ' ')} “
                      {h.matched}”
                    </Text>
                  )}
                  {h.categories.length > 0 && (
                    <Text className="term-option-meta">
                      {h.categories.map((c) => c.name).join(' · ')}
                    </Text>
                  )}
                </div>
                <Text className="term-option-meta" ff="monospace">
                  {h.id}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
