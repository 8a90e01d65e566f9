import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { AppApi } from '../../../src-shared/contracts';
import { ErrorPage } from './ErrorPage';
import { reportRendererError } from './report-errors';

interface Props {
  api: AppApi;
  children: ReactNode;
  /** 重新加载; the page's own reload when absent. */
  reload?: () => void;
}

/**
 * Around the screens: a screen that throws while rendering is reported to the core's log and replaced by
 * the Chinese error page, instead of React unmounting everything into a blank window.
 */
export class ScreenErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    reportRendererError(this.props.api, 'boundary', error, info.componentStack ?? null);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <ErrorPage api={this.props.api} reload={this.props.reload ?? (() => window.location.reload())} />;
  }
}
