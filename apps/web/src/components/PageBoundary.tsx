import { Button, Result, Spin } from 'antd';
import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** A failed chunk download reads differently from a page that broke while drawing. */
function isChunkFailure(error: Error): boolean {
  return /dynamically imported module|Failed to fetch|Importing a module script failed|error loading/i.test(error.message);
}

/** One page's failure stays inside that page: the menu and the session go on working. */
class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('页面出错', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (isChunkFailure(error)) {
      return (
        <Result
          status="warning"
          title="页面加载失败"
          subTitle="网络不稳定或系统已更新，请重试。"
          extra={<Button type="primary" onClick={() => window.location.reload()}>重新加载</Button>}
        />
      );
    }
    return (
      <Result
        status="error"
        title="页面出错了"
        subTitle={error.message}
        extra={<Button onClick={() => this.setState({ error: null })}>重试</Button>}
      />
    );
  }
}

export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function PageBoundary({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </ErrorBoundary>
  );
}
