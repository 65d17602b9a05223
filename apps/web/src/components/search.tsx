import { useEffect, useState } from 'react';

/** The text once she has stopped typing for a moment: one request per search, not one per keystroke. */
export function useSettledText(text: string, delayMs = 250): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return settled;
}

/**
 * A searched, paged list's state: what she types, the search it settles into (two characters at least, as the API
 * asks; one letter would match nearly everything, so it lists all until the second), and the page, which goes back
 * to the first when the search changes.
 */
export function useSearchPaging() {
  const [text, setText] = useState('');
  const searched = useSettledText(text.trim());
  const q = searched.length >= 2 ? searched : '';
  const [paging, setPaging] = useState({ q, offset: 0 });
  const offset = paging.q === q ? paging.offset : 0;
  return { text, setText, q, offset, setOffset: (next: number) => setPaging({ q, offset: next }) };
}
