// The view as React state mirrored in the address bar (replaceState), so reload and share restore it.
import { useCallback, useEffect, useState } from 'react';
import { parseView, serializeView, type View } from './url-state.ts';

export function useUrlView(): [View, (change: (view: View) => View) => void] {
  const [view, setView] = useState(() => parseView(location.search, Date.now()));
  useEffect(() => {
    const onPop = () => setView(parseView(location.search, Date.now()));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((change: (view: View) => View) => {
    setView((current) => {
      const next = change(current);
      const search = serializeView(next);
      if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
      return next;
    });
  }, []);
  return [view, update];
}
