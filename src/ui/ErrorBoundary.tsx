import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  readonly children?: ReactNode;
  /** Called by the Reset button before the tree is rendered again. */
  readonly onReset?: () => void;
}

interface State {
  readonly error: Error | null;
}

/** A rendering bug shows a message with a Reset action, never a blank page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Keep the stack for whoever opens the console; the page itself stays usable.
    console.warn('FastZap view error', error, info.componentStack);
  }

  private readonly reset = () => {
    this.props.onReset?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="fz-error fz-error-page" role="alert">
        <span className="fz-error-icon" aria-hidden="true">
          ⚠
        </span>
        <span className="fz-error-text">Something in the view broke: {this.state.error.message}</span>
        <button type="button" className="fz-btn fz-btn-small" onClick={this.reset}>
          Reset
        </button>
      </div>
    );
  }
}
