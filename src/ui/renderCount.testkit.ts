/**
 * Test scaffolding: counts how often React calls a component. `counted` wraps named exports of a
 * module (plain function components and `memo` ones alike) so a `vi.mock` factory can swap them
 * in; the wrapper calls the original as a plain function, so hooks and store subscriptions stay
 * in the same component and every render of it is counted.
 */
type AnyComponent = (props: object) => unknown;

interface MemoType {
  readonly $$typeof: symbol;
  readonly type: AnyComponent;
  readonly compare: unknown;
}

/** Renders per component name since the last `resetRenders`. */
export const renders = new Map<string, number>();

export function resetRenders(): void {
  renders.clear();
}

/** The renders of each name (0 if it did not render), as an object for one readable assertion. */
export function rendersOf(names: readonly string[]): Record<string, number> {
  return Object.fromEntries(names.map((n) => [n, renders.get(n) ?? 0]));
}

const MEMO = Symbol.for('react.memo');

function isMemo(x: unknown): x is MemoType {
  return typeof x === 'object' && x !== null && (x as { $$typeof?: unknown }).$$typeof === MEMO;
}

function counting(name: string, f: AnyComponent): AnyComponent {
  const wrapped = (props: object) => {
    renders.set(name, (renders.get(name) ?? 0) + 1);
    return f(props);
  };
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped;
}

/** `mod` with the named components replaced by counting ones. */
export function counted<M extends object>(mod: M, ...names: (keyof M & string)[]): M {
  const out = { ...mod } as Record<string, unknown>;
  for (const name of names) {
    const c = out[name];
    if (isMemo(c)) out[name] = { ...c, type: counting(name, c.type) };
    else if (typeof c === 'function') out[name] = counting(name, c as AnyComponent);
    else throw new Error(`${name} is not a component`);
  }
  return out as M;
}
