// Whether the page has been hydrated: false during the server render and the first client render
// (so that both agree), true once effects run. For what only a browser can draw, such as canvases.
import { useEffect, useState } from "react";

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
