/**
 * A code-split component (a page, a chart) that renders as soon as its
 * chunk has arrived. `React.lazy` suspends instead, and React 19 holds back
 * content that replaces a Suspense fallback until 300 ms after the fallback
 * appeared (its FALLBACK_THROTTLE_MS), so every lazily loaded page started
 * its API calls about 300 ms late (issue 17: pages over 1 s). This shows
 * `fallback` (the Loading message) without suspending, then the component.
 * A chunk that fails to load is thrown to the nearest error boundary, as
 * `React.lazy` would.
 *
 *   const FamiliesPage = lazyPage(() => import("./pages/families/list.js"));
 */
import { useEffect, useState, type ComponentType, type ReactNode } from "react";
import { Loading } from "./errors.js";

export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, fallback: ReactNode = <Loading />): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let failed: { error: unknown } | null = null;
  let pending: Promise<void> | null = null;
  const start = () =>
    (pending ??= load().then(
      (m) => {
        loaded = m.default;
      },
      (error: unknown) => {
        failed = { error };
      },
    ));
  function LazyPage(props: P) {
    const [, arrived] = useState(0);
    const showing = loaded ? "page" : "fallback";
    useEffect(() => {
      if (showing === "page") return;
      // Re-render once the chunk is in, even if it arrived between this render and this effect.
      let live = true;
      void start().then(() => live && arrived((n) => n + 1));
      return () => {
        live = false;
      };
    }, [showing]);
    if (failed) throw failed.error;
    if (!loaded) {
      void start();
      return <>{fallback}</>;
    }
    const Component = loaded;
    return <Component {...props} />;
  }
  return LazyPage;
}
