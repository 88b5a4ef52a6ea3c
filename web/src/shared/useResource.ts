/**
 * One way to load something for a page: loading → ready | error, with a reload. Replaces the
 * pages' own useState(loading/error/data) + useEffect(fetch) machines.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DependencyList } from 'react';

export type Resource<T> = (
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: unknown }
) & {
  /** Loads again (the "Try again" button, or after a change elsewhere); resolves once it has settled. */
  reload: () => Promise<void>;
};

/**
 * Runs `load` when the component mounts and again whenever `deps` change. Only the latest request
 * sets the state: a response that arrives after a newer request started (or after unmount) is
 * dropped, and its `signal` is aborted. `data` keeps the last value loaded while a reload runs
 * and after one fails, so a page can keep showing it.
 * @example
 * const settings = useResource((signal) => api.settings(signal), [api]);
 * if (settings.status === 'error') return <p role="alert">{errorText(settings.error, 'Could not load.')}</p>;
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({ status: 'loading', data: undefined, error: null });
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const running = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState((current) => (current.status === 'loading' ? current : { status: 'loading', data: current.data, error: null }));
    try {
      const data = await latestLoad.current(controller.signal);
      if (running.current === controller) setState({ status: 'ready', data, error: null });
    } catch (error) {
      if (running.current === controller) setState((current) => ({ status: 'error', data: current.data, error }));
    }
  }, []);

  useEffect(() => {
    void run();
    return () => {
      running.current?.abort();
      running.current = null;
    };
  }, deps);

  return useMemo(() => ({ ...state, reload: run }) as Resource<T>, [state, run]);
}
